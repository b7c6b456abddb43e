async function fetchWithRetry(url, options, maxRetries = 3) {
for (let attempt = 0; attempt < maxRetries; attempt++) {
try {
const response = await fetch(url, options);
if (response.status === 429) {
// Rate limited - wait and retry
const retryAfter = response.headers.get('Retry-After') || 30;
await sleep(retryAfter * 1000);
continue;
}
if (response.status >= 500) {
// Server error - exponential backoff
await sleep(Math.pow(2, attempt) * 1000);
continue;
}
return response;
} catch (e) {
// Network error - retry
if (attempt === maxRetries - 1) throw e;
await sleep(Math.pow(2, attempt) * 1000);
}
}
}
