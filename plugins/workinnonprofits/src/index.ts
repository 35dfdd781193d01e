import { readFileSync } from 'node:fs';
import { defineSource } from '@pathfinder/sdk';
import { configSchema } from './config.js';
import { crawl } from './crawl.js';

// Read at run time, not imported: the same line works from src/ (workspace) and dist/ (the package).
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Work In Nonprofits (workinnonprofits.ca): paid (`/jobs`) and volunteer (`/volunteer-jobs`)
 * non-profit postings across Canada, read region by region from the server-rendered listings.
 */
export default defineSource({
  id: 'workinnonprofits',
  name: 'Work In Nonprofits',
  version: pkg.version,
  sdk: '^1.1.0',
  description: 'Canada-wide non-profit job board: paid and volunteer roles, listed by region.',
  baseUrl: 'https://workinnonprofits.ca',
  crawlDelaySeconds: 5,
  disallowedPaths: ['/admin', '/employers/login'],
  schedule: '30 */6 * * *',
  configSchema,
  crawl,
});
