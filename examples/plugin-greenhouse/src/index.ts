/**
 * A company's Greenhouse job board, read through Greenhouse's public Job Board API — an example of
 * a third-party Pathfinder plugin living outside the repository's `plugins/` (see README.md).
 */
import { defineSource } from '@pathfinder/sdk';
import pkg from '../package.json' with { type: 'json' };
import { configSchema } from './config.js';
import { crawl } from './crawl.js';

export default defineSource({
  id: 'greenhouse',
  name: 'Greenhouse job board',
  version: pkg.version,
  sdk: '^1.1.0',
  baseUrl: 'https://boards-api.greenhouse.io',
  description: "One company's jobs from its public Greenhouse job board (config: board)",
  crawlDelaySeconds: 2,
  schedule: '20 */6 * * *',
  configSchema,
  crawl,
});

export { configSchema, type GreenhouseConfig } from './config.js';
export { mapGreenhouseJob, type GreenhouseJob } from './map-job.js';
