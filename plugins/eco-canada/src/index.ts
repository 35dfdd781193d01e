/**
 * ECO Canada's environmental job board, ECO Works (a JBoard board): the `/jobs` listing and
 * each job's `window.job` data. See README.md for what is read and what is assumed.
 */
import { readFileSync } from 'node:fs';
import { defineSource } from '@pathfinder/sdk';
import { configSchema } from './config.js';
import { crawl } from './crawl.js';
import { SITE_BASE_URL } from './site-urls.js';

// Read at run time, not imported: the same line works from src/ (workspace) and dist/ (the package).
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export default defineSource({
  id: 'eco-canada',
  name: 'ECO Canada',
  version: pkg.version,
  sdk: '^1.1.0',
  baseUrl: SITE_BASE_URL,
  description: 'Environmental-sector jobs on ECO Works, the job board of ECO Canada',
  crawlDelaySeconds: 15,
  disallowedPaths: ['/admin', '/employer'],
  schedule: '15 */4 * * *',
  configSchema,
  crawl,
});

export { configSchema, type EcoCanadaConfig } from './config.js';
