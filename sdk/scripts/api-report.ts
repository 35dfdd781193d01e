/** `npm run api:report`: rewrites sdk/api/*.api.txt from the sources (see api-listing.ts). */
import fs from 'node:fs/promises';
import path from 'node:path';
import { apiListing, SDK_DIR } from './api-listing.js';

for (const [report, text] of apiListing()) {
  await fs.mkdir(path.dirname(path.join(SDK_DIR, report)), { recursive: true });
  await fs.writeFile(path.join(SDK_DIR, report), text);
  console.log(`wrote sdk/${report} (${text.split('\n').length} lines)`);
}
