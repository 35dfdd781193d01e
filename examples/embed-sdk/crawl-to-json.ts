/**
 * Crawl one Pathfinder source with the SDK alone — no server, no database, no engine — and write
 * its postings to a JSON file.
 *
 *   npx tsx examples/embed-sdk/crawl-to-json.ts <plugin-package-or-path> <out.json>
 *       [--base-url URL] [--map-origin FROM=TO]... [--config KEY=JSON]... [--limit N]
 *
 * The plugin is an npm package name (resolved from the current directory), a package folder (its
 * package.json's "pathfinder.source" names the module) or a module file. The SDK's PoliteFetcher
 * keeps the same rules the engine does: robots.txt first, disallowed paths never requested, the
 * crawl delay between requests to one host (real time: a 5 s delay means 5 s waits).
 * Exit codes: 0 crawled, 1 the crawl failed (the file still holds what came out), 2 bad usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  assertSdkCompatible,
  createCrawlContext,
  isSourceDefinition,
  PoliteFetcher,
  resolveConfig,
  SDK_VERSION,
  validatePosting,
  type JobPosting,
  type Logger,
  type SourceDefinition,
} from '@pathfinder/sdk';

class UsageError extends Error {}

/** The module a plugin spec points at: a file, a package folder, or an npm package name. */
async function pluginModule(spec: string): Promise<string> {
  const looksLikePath = spec.startsWith('.') || path.isAbsolute(spec) || existsSync(spec);
  let dir: string;
  if (looksLikePath) {
    const full = path.resolve(spec);
    if (!existsSync(full)) throw new UsageError(`no such file or folder: ${full}`);
    if (statSync(full).isFile()) return full;
    dir = full;
  } else {
    try {
      dir = path.dirname(createRequire(path.join(process.cwd(), 'noop.js')).resolve(`${spec}/package.json`));
    } catch {
      throw new UsageError(`cannot find the package "${spec}" from ${process.cwd()} (npm install it, or give a path)`);
    }
  }
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { pathfinder?: { source?: string }; main?: string };
  const entry = pkg.pathfinder?.source ?? pkg.main;
  if (!entry) throw new UsageError(`${dir}/package.json has no "pathfinder": {"source": …}`);
  return path.resolve(dir, entry);
}

function origin(value: string, option: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return option === '--base-url' ? value.replace(/\/+$/, '') : url.origin;
  } catch {
    // fall through
  }
  throw new UsageError(`${option}: "${value}" is not an http(s) URL`);
}

function pair(value: string, option: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0) throw new UsageError(`${option} must be KEY=VALUE, got "${value}"`);
  return [value.slice(0, at), value.slice(at + 1)];
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'base-url': { type: 'string' },
      'map-origin': { type: 'string', multiple: true },
      config: { type: 'string', multiple: true },
      limit: { type: 'string' },
    },
  });
  if (positionals.length !== 2) throw new UsageError('give the plugin and the output file');
  const [spec, out] = positionals;
  if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit)) throw new UsageError(`--limit must be a positive whole number, got "${values.limit}"`);
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  const originMap = Object.fromEntries(
    (values['map-origin'] ?? []).map((v) => pair(v, '--map-origin')).map(([from, to]) => [origin(from, '--map-origin'), origin(to, '--map-origin')]),
  );
  // --config board=maplerobotics, --config maxPages=2 (JSON values, else plain strings)
  const rawConfig = Object.fromEntries(
    (values.config ?? []).map((v) => pair(v, '--config')).map(([key, raw]): [string, unknown] => {
      try {
        return [key, JSON.parse(raw)];
      } catch {
        return [key, raw];
      }
    }),
  );

  const mod = (await import(pathToFileURL(await pluginModule(spec)).href)) as { default?: unknown };
  if (!isSourceDefinition(mod.default)) throw new UsageError(`${spec}: the default export is not a defineSource(...) result`);
  const source = mod.default as SourceDefinition<Record<string, unknown>>;
  let config: Record<string, unknown>;
  try {
    assertSdkCompatible(source, SDK_VERSION); // the plugin's `sdk` range must accept this SDK
    config = resolveConfig(source, rawConfig); // defaults applied; throws naming a bad field
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const baseUrl = values['base-url'] === undefined ? source.baseUrl : origin(values['base-url'], '--base-url');

  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const log: Logger = {
    debug: () => undefined,
    info: (m) => say(`info: ${m}`),
    warn: (m, d) => say(`warning: ${m}${d ? ` ${JSON.stringify(d)}` : ''}`),
    error: (m, d) => say(`error: ${m}${d ? ` ${JSON.stringify(d)}` : ''}`),
  };
  // The fetcher the engine uses, with the manifest's politeness and the system clock.
  const fetcher = new PoliteFetcher({
    policy: { crawlDelaySeconds: source.crawlDelaySeconds, disallowedPaths: [...(source.disallowedPaths ?? [])] },
    originMap,
    // The fetcher refuses loopback/private addresses; a mirror named on the command line is the
    // operator's choice (originMap targets are allowed by the fetcher itself).
    allowedPrivateHosts: values['base-url'] === undefined ? [] : [new URL(baseUrl).hostname.replace(/^\[(.*)\]$/, '$1')],
    signal: abort.signal,
    onRequest: (r) => say(`${r.method} ${r.url} -> ${r.status ?? r.error} [${r.kind}]`),
  });
  const ctx = createCrawlContext({ fetcher, baseUrl, config, log, signal: abort.signal });

  say(`crawling ${source.id} ${source.version} from ${baseUrl} (at least ${source.crawlDelaySeconds} s between requests to a host)`);
  const postings: JobPosting[] = [];
  const invalid: { posting: unknown; errors: string[] }[] = [];
  let error: { code?: string; message: string } | undefined;
  try {
    for await (const posting of source.crawl(ctx)) {
      const checked = validatePosting(posting);
      if (checked.ok) postings.push(checked.value);
      else invalid.push({ posting, errors: checked.errors });
      if (postings.length >= limit) break;
    }
  } catch (e) {
    error = { code: (e as { code?: string }).code, message: (e as Error).message };
    say(`crawl failed: ${error.code ?? 'error'}: ${error.message}`);
  }

  const result = {
    source: { id: source.id, name: source.name, version: source.version },
    baseUrl,
    crawledAt: new Date().toISOString(),
    requests: fetcher.requests.length,
    postings,
    invalid,
    ...(error ? { error } : {}),
  };
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  say(`${postings.length} postings (${invalid.length} invalid) written to ${out}`);
  return error ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`crawl-to-json: ${(e as Error).message}\n`);
  if (usage) {
    process.stderr.write('usage: npx tsx crawl-to-json.ts <plugin-package-or-path> <out.json> [--base-url URL] [--map-origin FROM=TO]... [--config KEY=JSON]... [--limit N]\n');
  }
  process.exitCode = usage ? 2 : 1;
}
