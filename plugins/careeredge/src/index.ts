import { readFileSync } from 'node:fs';
import { defineSource } from '@pathfinder/sdk';
import { configSchema } from './config.js';
import { crawlCareerEdge } from './crawl.js';
import { DISALLOWED_PATHS, SITE_BASE_URL, SITE_ORIGINS } from './site.js';

// Read at run time, not imported: the same line works from src/ (workspace) and dist/ (the package).
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Career Edge (careeredge.ca): paid internships for recent graduates (Career Edge), graduates with
 * disabilities (Ability Edge), newcomers (Career Bridge) and Canadian Armed Forces members,
 * discovered through the WordPress sitemap and read from each posting's JSON-LD.
 */
export default defineSource({
  id: 'careeredge',
  name: 'Career Edge',
  version: pkg.version,
  sdk: '^1.1.0',
  baseUrl: SITE_BASE_URL,
  // The sitemap names the bare domain and plain http too: a mirror stands in for them all.
  siteOrigins: [...SITE_ORIGINS],
  crawlDelaySeconds: 5,
  disallowedPaths: [...DISALLOWED_PATHS],
  schedule: '0 */6 * * *',
  description: 'Paid 4–12 month internships (Career Edge, Ability Edge, Career Bridge, CAF) from the careeredge.ca sitemap',
  configSchema,
  crawl: crawlCareerEdge,
});
