import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseCommandArgs } from '../parse-args.js';

export const serveFixturesCommand: Command = {
  name: 'serve-fixtures',
  summary: 'Serve a folder of recorded pages on 127.0.0.1 (to crawl them offline)',
  usage: `Usage: pathfinder serve-fixtures <folder>

Serves recorded pages the way the SDK test kit does (routes.json, {{origin}} links, 404
for the rest) on 127.0.0.1 and prints the origin. Then, in another terminal:

  npx pathfinder crawl civicjobs --dry-run --format ndjson --base-url <origin>

Example: npx pathfinder serve-fixtures plugins/civicjobs/test/fixtures/site
Stops on Ctrl-C.`,
  async run(argv) {
    const { positionals } = parseCommandArgs(argv, {}, true);
    if (positionals.length !== 1) throw new UsageError('name exactly one folder of recorded pages');
    const dir = path.resolve(positionals[0]);
    if (!existsSync(dir)) throw new UsageError(`no such folder: ${dir}`);
    const { serveFixtures } = await import('@pathfinder/sdk/testing');
    const server = await serveFixtures(dir);
    process.stdout.write(`${server.origin}\n`);
    process.stderr.write(`serving ${dir} at ${server.origin} (Ctrl-C to stop)\n`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  },
};
