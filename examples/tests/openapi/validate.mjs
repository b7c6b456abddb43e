// Validates OpenAPI documents: each against the official OpenAPI JSON schema
// of its version, then every named example of every response against the
// schema of its media type (JSON Schema 2020-12, `$ref`s resolved within the
// document). Prints one line per document; exits 1 on the first failure.
//
//   node .ci/openapi/validate.mjs doc.json [doc.json ...]

import { readFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

function fail(message, details) {
  console.error(message);
  if (details !== undefined) {
    console.error(JSON.stringify(details, null, 2));
  }
  process.exit(1);
}

function responsesOf(doc) {
  const found = [];
  for (const [name, response] of Object.entries(doc.components?.responses ?? {})) {
    found.push([`components.responses.${name}`, response]);
  }
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        found.push([`paths.${path}.${method}.${status}`, response]);
      }
    }
  }
  return found;
}

async function check(file) {
  const doc = JSON.parse(await readFile(file, "utf8"));
  const validator = new Validator();
  const result = await validator.validate(doc);
  if (!result.valid) {
    fail(`${file}: not a valid OpenAPI ${doc.openapi} document`, result.errors);
  }

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  let examples = 0;
  for (const [where, response] of responsesOf(doc)) {
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      if (!media.schema) {
        fail(`${file}: ${where} ${mediaType} has no schema`);
      }
      // The schema inside the document, so `#/components/...` resolves.
      const validate = ajv.compile({ ...media.schema, components: doc.components });
      const named = Object.entries(media.examples ?? {});
      if (named.length === 0) {
        fail(`${file}: ${where} ${mediaType} has no examples`);
      }
      for (const [name, example] of named) {
        if (!validate(example.value)) {
          fail(`${file}: example ${name} of ${where} does not match its schema`, validate.errors);
        }
        examples += 1;
      }
    }
  }
  console.log(`${file}: valid OpenAPI ${doc.openapi}, ${examples} examples match their schemas`);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  fail("usage: node validate.mjs doc.json [doc.json ...]");
}
for (const file of files) {
  await check(file);
}
