// Writes the typed client's types (sdk/src/client/api-types.ts) from the server's OpenAPI document.
// Run from the repository root: `npm run generate:client`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_TYPES_PATH, generateClientTypes } from '../src/openapi/generate-client-types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const target = path.join(root, CLIENT_TYPES_PATH);
await writeFile(target, await generateClientTypes());
process.stdout.write(`wrote ${CLIENT_TYPES_PATH}\n`);
