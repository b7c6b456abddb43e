// Runs the JavaScript snippets of the two error guides, unchanged except for
// the base URL, against the example servers, and checks that each takes the
// branch its guide describes.
//
// node tests/js/run.mjs '{"customers": "http://127.0.0.1:...", ...}'
//
// The snippets' free variables (apiKey, customerData, data, sleep, response)
// are supplied as the guides assume them; console.error and timers are
// recorded instead of printed and waited for. Which `case` of the guide's
// handleError runs is read from V8's block coverage.

import assert from 'node:assert/strict';
import { Session } from 'node:inspector';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const servers = JSON.parse(process.argv[2]);
const work = mkdtempSync(join(tmpdir(), 'api-error-snippets-'));

const LIVE_KEY = 'sk_live_your_api_key_here';
const CLIENTS_KEY = 'sk_test_full';

/** A guide snippet with its base URL pointed at `base`. */
function snippet(path, base) {
  const text = readFileSync(join(here, path), 'utf8');
  const pointed = text
    .replaceAll("'https://api.my-virtual-office.com", `'${base}`)
    .replaceAll("fetch('/v1/", `fetch('${base}/v1/`);
  assert.notEqual(pointed, text, `${path}: no base URL to point at the server`);
  return pointed;
}

/** Writes a module and imports it; returns its exports and its source. */
let modules = 0;
async function load(source) {
  const file = join(work, `snippet-${modules++}.mjs`);
  writeFileSync(file, source);
  return { exports: await import(pathToFileURL(file).href), source, url: pathToFileURL(file).href };
}

/** console.error calls and timer delays a snippet makes. */
function recorder() {
  const errors = [];
  const delays = [];
  return {
    errors,
    delays,
    console: { error: (...args) => errors.push(args), log: () => {} },
    setTimeout: (callback, ms) => {
      delays.push(ms);
      return setImmediate(callback);
    },
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  };
}

let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n${error.stack}`);
  }
}

async function post(base, path, headers, body) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

// ---- Customers API guide (flat format) ------------------------------------

const checkStatus = await load(`
export async function run({ apiKey, customerData, console }) {
${snippet('customers/check-status-codes.js', servers.customers)}
return customer;
}`);

await check('customers: always check status codes, 201', async () => {
  const rec = recorder();
  const customer = await checkStatus.exports.run({ apiKey: LIVE_KEY, customerData: { email: 'ada@example.com' }, ...rec });
  assert.equal(customer.email, 'ada@example.com');
  assert.deepEqual(rec.errors, []);
});

await check('customers: always check status codes, 409 branch', async () => {
  const rec = recorder();
  await checkStatus.exports.run({ apiKey: LIVE_KEY, customerData: { email: 'ada@example.com' }, ...rec });
  assert.deepEqual(rec.errors, [['Customer already exists:', 'A customer with this email already exists']]);
});

await check('customers: always check status codes, 401 branch', async () => {
  const rec = recorder();
  await checkStatus.exports.run({ apiKey: 'sk_live_wrong', customerData: { email: 'x@example.com' }, ...rec });
  assert.deepEqual(rec.errors, [['Authentication failed:', 'Invalid API key']]);
});

await check('customers: always check status codes, default branch', async () => {
  const rec = recorder();
  await checkStatus.exports.run({ apiKey: LIVE_KEY, customerData: { name: 'no email' }, ...rec });
  assert.deepEqual(rec.errors, [['API error:', "body must have required property 'email'"]]);
});

await check('customers: always check status codes, 403 branch', async () => {
  for (let i = 0; i < 9; i++) {
    const res = await post(servers.customers, '/api/customers', { 'X-API-Key': LIVE_KEY }, { email: `c${i}@example.com` });
    assert.equal(res.status, 201);
  }
  const rec = recorder();
  await checkStatus.exports.run({ apiKey: LIVE_KEY, customerData: { email: 'eleven@example.com' }, ...rec });
  assert.deepEqual(rec.errors, [['Limit reached:', 'Customer limit reached. Your plan allows 10 customers.']]);
});

await check('customers: retry gives up on 5xx after backing off 1s, 2s', async () => {
  const down = await load(`
export function define({ apiKey, setTimeout }) {
${snippet('customers/retry.js', servers.customersDown)}
return createCustomerWithRetry;
}`);
  const rec = recorder();
  const createCustomerWithRetry = down.exports.define({ apiKey: LIVE_KEY, ...rec });
  await assert.rejects(createCustomerWithRetry({ email: 'late@example.com' }), { message: 'Server error: 503' });
  assert.deepEqual(rec.delays, [1000, 2000]);
});

await check('customers: retry returns the body of a 4xx at once', async () => {
  const live = await load(`
export function define({ apiKey, setTimeout }) {
${snippet('customers/retry.js', servers.customersOther)}
return createCustomerWithRetry;
}`);
  const rec = recorder();
  const createCustomerWithRetry = live.exports.define({ apiKey: 'sk_live_other_account', ...rec });
  const created = await createCustomerWithRetry({ email: 'new@example.com' });
  assert.equal(created.email, 'new@example.com');
  const duplicate = await createCustomerWithRetry({ email: 'new@example.com' });
  assert.deepEqual(duplicate, { error: 'Conflict', message: 'A customer with this email already exists' });
  assert.deepEqual(rec.delays, []);
});

await check('customers: log errors for debugging', async () => {
  const logErrors = await load(`
export async function run({ response, customerData, console }) {
${readFileSync(join(here, 'customers/log-errors.js'), 'utf8')}
}`);
  const customerData = { email: 'ada@example.com' };
  const response = await post(servers.customers, '/api/customers', { 'X-API-Key': LIVE_KEY }, customerData);
  const rec = recorder();
  await logErrors.exports.run({ response, customerData, ...rec });
  assert.equal(rec.errors.length, 1);
  const [entry] = rec.errors[0];
  assert.equal(entry.status, 403);
  assert.equal(entry.error, 'Forbidden');
  assert.equal(entry.message, 'Customer limit reached. Your plan allows 10 customers.');
  assert.deepEqual(entry.requestData, customerData);
});

await check('customers: handle rate limiting waits Retry-After seconds', async () => {
  const rateLimiting = await load(`
export async function run({ response, setTimeout }) {
${readFileSync(join(here, 'customers/rate-limiting.js'), 'utf8')}
}`);
  const response = await fetch(`${servers.customersLimited}/api/customers`, { headers: { 'X-API-Key': LIVE_KEY } });
  assert.equal(response.status, 429);
  const rec = recorder();
  await rateLimiting.exports.run({ response, ...rec });
  assert.deepEqual(rec.delays, [60000]);
});

// ---- Clients API guide (envelope format) -----------------------------------

const handler = readFileSync(join(here, 'clients/error-handler.js'), 'utf8');
const basic = await load(`${handler}
export async function run({ apiKey, data }) {
${snippet('clients/basic-pattern.js', servers.clients)}
}
export { handleError };`);

const inspector = new Session();
inspector.connect();
const session = {
  post: (method, params) =>
    new Promise((resolve, reject) =>
      inspector.post(method, params, (error, result) => (error ? reject(error) : resolve(result)))),
};
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

/** The `case` labels of handleError that ran since the last call. */
async function casesTaken() {
  const { result } = await session.post('Profiler.takePreciseCoverage');
  const script = result.find((s) => s.url === basic.url);
  const fn = script?.functions.find((f) => f.functionName === 'handleError');
  if (!fn) return [];
  const labels = [...basic.source.matchAll(/^(case '[a-z_]+'|default):\n/gm)];
  return labels
    .filter((label) => {
      // V8 counts each case clause in a range that starts at its label.
      const offset = label.index;
      const inner = fn.ranges
        .filter((r) => r.startOffset <= offset && offset < r.endOffset)
        .sort((a, b) => (a.endOffset - a.startOffset) - (b.endOffset - b.startOffset))[0];
      return inner && inner.count > 0;
    })
    .map((label) => label[1]);
}

await casesTaken();
await check('clients: basic pattern, validation error goes to the default case', async () => {
  await basic.exports.run({ apiKey: CLIENTS_KEY, data: { name: 'No email' } });
  assert.deepEqual(await casesTaken(), ['default']);
});

await check('clients: basic pattern, bad key goes to the unauthorized case', async () => {
  await basic.exports.run({ apiKey: 'sk_test_wrong', data: { email: 'a@example.com' } });
  assert.deepEqual(await casesTaken(), ["case 'unauthorized'"]);
});

await check('clients: basic pattern, success handles no error', async () => {
  await basic.exports.run({ apiKey: CLIENTS_KEY, data: { email: 'ok@example.com' } });
  assert.deepEqual(await casesTaken(), []);
});

await check('clients: error handler on the other codes of the guide', async () => {
  const auth = { Authorization: `Bearer ${CLIENTS_KEY}` };
  const notFound = await (await fetch(`${servers.clients}/v1/clients/cli_gone`, { headers: auth })).json();
  basic.exports.handleError(notFound);
  assert.deepEqual(await casesTaken(), ["case 'not_found'"]);
  const invalid = await (await post(servers.clients, '/v1/clients', auth, { email: 'nope', rate: -1 })).json();
  basic.exports.handleError(invalid);
  assert.deepEqual(await casesTaken(), ["case 'validation_error'"]);
  const limited = await (await fetch(`${servers.clientsLimited}/v1/clients/cli_1`, { headers: auth })).json();
  basic.exports.handleError(limited);
  assert.deepEqual(await casesTaken(), ["case 'rate_limit_exceeded'"]);
});

const retry = await load(`
export function define({ sleep }) {
${readFileSync(join(here, 'clients/retry.js'), 'utf8')}
return fetchWithRetry;
}`);

await check('clients: retry waits Retry-After on 429', async () => {
  const rec = recorder();
  const fetchWithRetry = retry.exports.define(rec);
  const res = await fetchWithRetry(`${servers.clientsLimited}/v1/clients/cli_1`, { headers: { Authorization: `Bearer ${CLIENTS_KEY}` } });
  assert.equal(res, undefined);
  assert.deepEqual(rec.delays, [30000, 30000, 30000]);
});

await check('clients: retry backs off 1s, 2s, 4s on 5xx', async () => {
  const rec = recorder();
  const fetchWithRetry = retry.exports.define(rec);
  const res = await fetchWithRetry(`${servers.clientsFailing}/v1/exports`, { method: 'POST', headers: { Authorization: `Bearer ${CLIENTS_KEY}` } });
  assert.equal(res, undefined);
  assert.deepEqual(rec.delays, [1000, 2000, 4000]);
});

await check('clients: retry returns a 4xx response at once', async () => {
  const rec = recorder();
  const fetchWithRetry = retry.exports.define(rec);
  const res = await fetchWithRetry(`${servers.clients}/v1/clients/cli_gone`, { headers: { Authorization: `Bearer ${CLIENTS_KEY}` } });
  assert.equal(res.status, 404);
  assert.deepEqual(rec.delays, []);
});

inspector.disconnect();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
