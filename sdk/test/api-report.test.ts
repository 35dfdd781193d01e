/**
 * The recorded public API (sdk/api/*.api.txt) matches the sources. A difference means the public
 * API changed: decide which version bump it needs (docs/sdk-versioning.md), then run
 * `npm run api:report` and commit the new listing with the change.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiListing, ENTRIES, SDK_DIR } from '../scripts/api-listing.js';

describe('the SDK API report', () => {
  it('lists every public entry and matches the checked-in report (update: npm run api:report)', async () => {
    const listing = apiListing();
    expect([...listing.keys()]).toEqual(ENTRIES.map((e) => e.report));
    for (const [report, text] of listing) {
      const recorded = await fs.readFile(path.join(SDK_DIR, report), 'utf8').catch(() => '');
      expect(text, `sdk/${report} is out of date: the SDK's public API changed. See docs/sdk-versioning.md for the version bump, then run \`npm run api:report\``).toBe(recorded);
    }
    // Spot checks that the listing sees what a plugin author uses.
    const main = listing.get('api/sdk.api.txt')!;
    expect(main).toContain('function defineSource');
    expect(main).toContain('class PoliteFetcher');
    expect(main).toMatch(/^const SDK_VERSION: string;$/m);
    expect(listing.get('api/sdk-testing.api.txt')).toContain('function runSource');
  }, 120_000);
});
