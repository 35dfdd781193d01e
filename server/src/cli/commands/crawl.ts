import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = `Usage: pathfinder crawl <pluginId> [options]

Runs one crawl of a plugin through the whole pipeline (validate, normalise, classify,
skip senior roles, dedupe). Politeness applies: robots.txt, disallowed paths, delays.

Options:
  --dry-run               store nothing (no database is started)
  --format ndjson|table   with --dry-run: one posting per line as JSON (default), or a table
  --base-url URL          point the plugin's baseUrl at a mirror or recorded pages
                          (its host may be private, e.g. 127.0.0.1, for this run)
  --map-origin FROM=TO    rewrite another origin the plugin talks to (repeatable), e.g.
                          --map-origin https://api.getro.com=http://127.0.0.1:9999
  --config KEY=JSON       set a config value for this run (repeatable), e.g. --config maxPages=2
  --limit N               stop after N postings (a limited run archives nothing: partial)
  --quiet                 no request log and no status line on stderr

Postings go to stdout; the request log and progress go to stderr: on a terminal a live
status line (requests, postings, skipped, the next request's due time, elapsed), else
one line per request. Without --dry-run the postings are stored and the run's counts
are printed. Exit 0 after a success or a run cut short by a limit, 1 otherwise (a
failed run, or a partial one that saw nothing or would have archived too much).`;

function parseOrigin(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0) throw new UsageError(`--map-origin must be FROM=TO, got "${value}"`);
  const [from, to] = [value.slice(0, at), value.slice(at + 1)];
  for (const u of [from, to]) {
    try {
      const url = new URL(u);
      if (!/^https?:$/.test(url.protocol)) throw new Error();
    } catch {
      throw new UsageError(`--map-origin: "${u}" is not an http(s) origin`);
    }
  }
  return [new URL(from).origin, new URL(to).origin];
}

function parseConfigPair(value: string): [string, unknown] {
  const at = value.indexOf('=');
  if (at <= 0) throw new UsageError(`--config must be KEY=VALUE, got "${value}"`);
  const raw = value.slice(at + 1);
  try {
    return [value.slice(0, at), JSON.parse(raw)];
  } catch {
    return [value.slice(0, at), raw];
  }
}

export const crawlCommand: Command = {
  name: 'crawl',
  summary: 'Run one crawl of a plugin now (optionally dry, against a mirror)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
      'base-url': { type: 'string' },
      'map-origin': { type: 'string', multiple: true },
      config: { type: 'string', multiple: true },
      limit: { type: 'string' },
      quiet: { type: 'boolean' },
    }, true);
    const [pluginId, ...extra] = positionals;
    if (!pluginId) throw new UsageError('name the plugin to crawl, e.g. `pathfinder crawl civicjobs`');
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const format = values.format ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'table') throw new UsageError(`--format must be ndjson or table, got "${format}"`);
    if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit)) throw new UsageError(`--limit must be a positive whole number, got "${values.limit}"`);
    if (values['base-url'] !== undefined) parseOrigin(`${values['base-url']}=${values['base-url']}`);
    const originMap = Object.fromEntries((values['map-origin'] ?? []).map(parseOrigin));
    const config = Object.fromEntries((values.config ?? []).map(parseConfigPair));

    const { runCrawlCommand } = await import('./crawl-run.js');
    return runCrawlCommand({
      pluginId, dryRun: values['dry-run'] ?? false, format, baseUrl: values['base-url'], originMap, config,
      limit: values.limit ? Number(values.limit) : undefined, quiet: values.quiet ?? false,
    });
  },
};
