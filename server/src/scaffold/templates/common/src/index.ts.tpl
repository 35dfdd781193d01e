/**
 * The {{name}} source: reads the listing page and yields one posting per job on it.
 * See README.md for what it reads and what it assumes.
 */
import { defineSource } from '@pathfinder/sdk';
import pkg from '../package.json' with { type: 'json' };
import { configSchema } from './config.js';
import { crawl } from './crawl.js';

export default defineSource({
  id: '{{id}}',
  name: {{nameLiteral}},
  version: pkg.version,
  sdk: '^1.1.0',
  baseUrl: {{baseUrlLiteral}},
  description: {{descriptionLiteral}},
  // At least 5 s between two requests to one host (robots.txt Crawl-delay wins when larger).
  crawlDelaySeconds: 5,
  disallowedPaths: ['/admin'],
  // Every six hours, at a minute of its own so that sources do not all start together.
  schedule: '{{scheduleMinute}} */6 * * *',
  configSchema,
  crawl,
});

export { configSchema, type {{className}}Config } from './config.js';
