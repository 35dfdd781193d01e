/**
 * The Greenhouse crawl: one request, `GET /v1/boards/{board}/jobs?content=true`, which answers
 * every open job of the board with its description (the API has no pagination).
 */
import { FatalSourceError, type CrawlContext, type JobPosting } from '@pathfinder/sdk';
import type { GreenhouseConfig } from './config.js';
import { mapGreenhouseJob } from './map-job.js';

/**
 * Yields one posting per job of the board, each id once. An unknown board (404) or a response
 * without a `jobs` array fails the run; a job that cannot be mapped is logged and skipped.
 *
 * @example
 * ```ts
 * for await (const posting of crawl(ctx)) console.log(posting.externalId, posting.title);
 * ```
 */
export async function* crawl(ctx: CrawlContext<GreenhouseConfig>): AsyncGenerator<JobPosting> {
  const { board } = ctx.config;
  // Built on ctx.baseUrl: the engine may point it at a mirror (or the test kit maps the origin).
  const url = `${ctx.baseUrl}/v1/boards/${encodeURIComponent(board)}/jobs?content=true`;
  const res = await ctx.fetch(url, { headers: { accept: 'application/json' } });
  if (res.status === 404) throw new FatalSourceError(`Greenhouse has no job board "${board}" (HTTP 404); check the board setting`, { url });
  if (!res.ok) throw new FatalSourceError(`Greenhouse answered HTTP ${res.status} for board "${board}"`, { url });

  const body = res.json<{ jobs?: unknown }>();
  if (!body || !Array.isArray(body.jobs)) {
    throw new FatalSourceError(`Greenhouse answered without a "jobs" array for board "${board}": the API changed?`, { url });
  }

  const companyName = ctx.config.companyName;
  for (const job of body.jobs) {
    if (ctx.signal.aborted) return;
    const mapped = mapGreenhouseJob(job, { board, companyName });
    if (!mapped.ok) {
      ctx.log.warn(`Job skipped: ${mapped.reason}`, { url });
      continue;
    }
    if (!ctx.once(mapped.posting.externalId ?? mapped.posting.originalUrl)) continue;
    yield mapped.posting;
  }
}
