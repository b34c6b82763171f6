// Reads an OpenAPI document on stdin and prints its TypeScript types (openapi-typescript).
// Run by test/console/api-types.e2e-spec.ts as a plain Node process: openapi-typescript and its
// dependencies are ESM, which Jest's CommonJS runtime cannot load.
import openapiTS, { astToString } from 'openapi-typescript';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const doc = JSON.parse(Buffer.concat(chunks).toString('utf8'));
process.stdout.write(astToString(await openapiTS(doc, { alphabetize: true })));
