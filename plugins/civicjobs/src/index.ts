import { readFileSync } from 'node:fs';
import { defineSource } from '@pathfinder/sdk';
import { configSchema } from './config.js';
import { crawlCivicJobs } from './crawl.js';

// Read at run time, not imported: the same line works from src/ (workspace) and dist/ (the package).
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * CivicJobs.ca, Canada's largest local-government job board: the RSS feed first (the HTML
 * listing when it fails), each job completed from its detail page where robots.txt allows.
 */
export default defineSource({
  id: 'civicjobs',
  name: 'CivicJobs.ca',
  version: pkg.version,
  sdk: '^1.1.0',
  baseUrl: 'https://www.civicjobs.ca',
  // The feed links with either scheme: a mirror stands in for both.
  siteOrigins: ['http://www.civicjobs.ca'],
  crawlDelaySeconds: 5,
  // Sign-in, account and application areas are per-user pages, never job data.
  disallowedPaths: ['/admin', '/login', '/logout', '/register', '/account', '/apply'],
  schedule: '0 */4 * * *',
  description:
    'Local-government jobs across Canada from CivicJobs.ca (run by CivicInfo BC), read from its RSS feed ' +
    'with the HTML listing as a fallback; each job is completed from its detail page where robots.txt allows.',
  configSchema,
  crawl: crawlCivicJobs,
});
