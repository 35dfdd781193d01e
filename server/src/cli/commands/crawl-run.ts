import { loadConfig, loadPlugins, runCrawl, type PreparedJob } from '@pathfinder/core';
import type { RequestRecord } from '@pathfinder/sdk';
import { openRuntime } from '../../runtime/open-runtime.js';
import { formatTable } from '../format-table.js';
import { StatusLine } from '../status-line.js';

export interface CrawlCommandInput {
  pluginId: string;
  dryRun: boolean;
  format: 'ndjson' | 'table';
  baseUrl?: string;
  originMap: Record<string, string>;
  config: Record<string, unknown>;
  limit?: number;
  quiet: boolean;
}

/** A posting as printed: the JobPosting fields the pipeline filled, without the internal hashes. */
export function publicPosting(job: PreparedJob): Omit<PreparedJob, 'dedupeHash' | 'contentHash'> {
  const { dedupeHash: _d, contentHash: _c, ...rest } = job;
  return rest;
}

export async function runCrawlCommand(input: CrawlCommandInput): Promise<number> {
  const config = loadConfig();
  // On a terminal, a live status line stands in for the request log; piped or redirected, the plain log.
  const status = process.stderr.isTTY && !input.quiet ? new StatusLine(process.stderr) : undefined;
  const err = (line: string) => (status ? status.line(line) : process.stderr.write(`${line}\n`));
  const registry = await loadPlugins({ extra: config.extraPlugins });
  for (const problem of registry.problems) err(`warning: ${problem.message}`);
  const plugin = registry.require(input.pluginId);

  const lastByHost = new Map<string, number>();
  const onRequest = (r: RequestRecord) => {
    if (input.quiet || status) return;
    const previous = lastByHost.get(r.host);
    const gap = previous === undefined ? '' : ` (+${((r.startedAt - previous) / 1000).toFixed(1)} s after the previous response)`;
    lastByHost.set(r.host, r.endedAt);
    err(`${r.method} ${r.url} -> ${r.status ?? r.error ?? '?'} [${r.kind}${r.attempt > 1 ? `, attempt ${r.attempt}` : ''}]${gap}`);
  };

  const rows: PreparedJob[] = [];
  const onPosting = (job: PreparedJob) => {
    if (!input.dryRun) return;
    if (input.format === 'ndjson') process.stdout.write(`${JSON.stringify(publicPosting(job))}\n`);
    else rows.push(job);
  };

  const runtime = input.dryRun ? undefined : await openRuntime(config, err);
  try {
    err(`crawling ${plugin.id} ${plugin.definition.version} from ${input.baseUrl ?? plugin.definition.baseUrl} (delay ${plugin.definition.crawlDelaySeconds} s${input.dryRun ? ', dry run' : ''})`);
    const result = await runCrawl({
      plugin, orm: runtime?.orm, dryRun: input.dryRun, baseUrl: input.baseUrl, originMap: input.originMap, config: input.config,
      limit: input.limit, trigger: 'cli', allowDisabled: true, onPosting, onRequest,
      onProgress: status ? (p) => status.update(p) : undefined,
      stallMs: config.crawlStallSeconds * 1000,
      // --base-url and --map-origin hosts are added by runCrawl: the operator named them.
      allowedPrivateHosts: config.allowedPrivateHosts,
      log: {
        debug: () => undefined,
        info: (m) => input.quiet || err(`info: ${m}`),
        warn: (m, d) => err(`warning: ${m}${d ? ` ${JSON.stringify(d)}` : ''}`),
        error: (m, d) => err(`error: ${m}${d ? ` ${JSON.stringify(d)}` : ''}`),
      },
    });
    status?.stop();
    if (input.dryRun && input.format === 'table') {
      process.stdout.write(formatTable(['title', 'company', 'type', 'where', 'deadline'], rows.map((j) => [
        j.title, j.companyName, j.jobType, [j.city, j.province].filter(Boolean).join(', ') || j.locationType, j.applicationDeadline?.slice(0, 10) ?? '',
      ])));
    }
    const c = result.counts;
    err(`${result.status}: ${c.found} found, ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.archived} archived, ${c.skipped} skipped, ${c.invalid} invalid; ${result.requests} requests in ${(result.durationMs / 1000).toFixed(1)} s`);
    if (!input.dryRun) process.stdout.write(`${JSON.stringify({ runId: result.runId, status: result.status, ...c, requests: result.requests, error: result.error, partial: result.partial })}\n`);
    if (result.error) err(`${result.error.code}: ${result.error.message}`);
    if (result.partial) err(`partial (${result.partial.reason}): ${result.partial.message}`);
    // A run cut short on purpose (--limit, maxItems) did what was asked; an empty or shrunk listing deserves a look.
    return result.status === 'success' || result.partial?.reason === 'limited' ? 0 : 1;
  } finally {
    status?.stop();
    await runtime?.close();
  }
}
