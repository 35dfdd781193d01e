/**
 * The MaRS Discovery District source: internship and entry-level roles at MaRS-supported
 * Canadian ventures, read from the board's Getro search API (see README.md).
 */
import { readFileSync } from 'node:fs';
import { defineSource } from '@pathfinder/sdk';
import { MarsConfigSchema } from './config.js';
import { crawlMars } from './crawl.js';

// Read at run time, not imported: the same line works from src/ (workspace) and dist/ (the package).
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export default defineSource({
  id: 'mars',
  name: 'MaRS Discovery District',
  version: pkg.version,
  sdk: '^1.1.0',
  baseUrl: 'https://techjobs.marsdd.com',
  crawlDelaySeconds: 5,
  schedule: '45 */6 * * *',
  description: 'Internship and entry-level tech roles at MaRS-supported Canadian ventures (a Getro job board).',
  configSchema: MarsConfigSchema,
  crawl: crawlMars,
});

export type { MarsConfig } from './config.js';
