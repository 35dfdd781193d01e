import type { MikroORM } from '@mikro-orm/postgresql';
import {
  PoliteFetcher, silentLogger, systemClock, type Clock, type DelayCoordinator, type HostResolver, type Logger, type Transport,
} from '@pathfinder/sdk';
import { Job } from '../db/entities/index.js';
import { checkLink, timedTransport, type LinkOutcome } from './check-link.js';

const DAY_MS = 24 * 3600 * 1000;

/** `YYYY-MM-DD` of `date` in `timeZone`. */
function calendarDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Whole calendar days from `a` to `b` in `timeZone` (a daily run a few seconds earlier than yesterday's still counts a day). */
function daysBetween(a: Date, b: Date, timeZone: string): number {
  return Math.round((Date.parse(calendarDate(b, timeZone)) - Date.parse(calendarDate(a, timeZone))) / DAY_MS);
}

export interface LinkCheckOptions {
  /** "Now" and all waiting (a FakeClock in tests). Default the system clock. */
  clock?: Clock;
  transport?: Transport;
  /**
   * Private hosts job links may point at (PATHFINDER_ALLOWED_PRIVATE_HOSTS). Any other link whose
   * host is, or resolves to, a loopback/private/link-local address is refused without a request.
   */
  allowedPrivateHosts?: readonly string[];
  /** How host names are resolved (tests; default the system resolver). */
  resolveHost?: HostResolver;
  /** Cross-worker per-host delays (the scheduler passes its Postgres coordinator). */
  coordinator?: (signal: AbortSignal) => DelayCoordinator | undefined;
  signal?: AbortSignal;
  log?: Logger;
  /** Links checked more recently than this are left for the next run. Default 20 h. */
  minIntervalMs?: number;
  /** A failing link is archived once it failed on this many checks… Default 3. */
  failuresToArchive?: number;
  /** …on checks at least this many calendar days apart (first to last). Default 2. */
  failingForDays?: number;
  /** Calendar days are counted in this zone. Default America/Toronto. */
  timezone?: string;
  /** At most this many links per run (the oldest-checked first). Default 20 000. */
  limit?: number;
  /** Sources checked side by side (each source's links one after another, politely). Default 4. */
  concurrency?: number;
  /** Retries of a 5xx/network failure within one check. Default 1. */
  maxRetries?: number;
  /** Per-request timeout. Default 20 s. */
  timeoutMs?: number;
}

export interface LinkCheckSummary {
  checked: number;
  ok: number;
  inconclusive: number;
  /** Failing this time, not (yet) archived. */
  failing: number;
  skipped: number;
  archived: { gone: number; failing: number; deadline: number };
}

interface Candidate {
  id: string;
  original_url: string;
  source_id: string;
  link_failing_since: Date | string | null;
  link_failure_count: number;
  crawl_delay_seconds: number;
  disallowed_paths: string[] | null;
}

/**
 * Validates active jobs' original URLs, politely (robots.txt, each source's delay and disallowed
 * paths): 404/410 archives at once (`HTTP 404`); 5xx and connection failures archive only after
 * failing on 3 checks over 2 calendar days (`link: failing since <date>`), and any success
 * resets the count. Jobs whose application deadline has passed are archived first (`deadline passed`).
 * A link whose host is, or resolves to, a loopback/private/link-local address outside
 * `allowedPrivateHosts` is never requested: it counts as failing, its error naming the address.
 *
 * @example
 * const summary = await runLinkCheck(orm, { coordinator: (signal) => new PostgresDelayCoordinator(orm, { signal }) });
 */
export async function runLinkCheck(orm: MikroORM, options: LinkCheckOptions = {}): Promise<LinkCheckSummary> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const summary: LinkCheckSummary = { checked: 0, ok: 0, inconclusive: 0, failing: 0, skipped: 0, archived: { gone: 0, failing: 0, deadline: 0 } };
  const start = new Date(clock.now());

  summary.archived.deadline = await orm.em.fork().nativeUpdate(
    Job,
    { isActive: true, applicationDeadline: { $lt: start } },
    { isActive: false, archivedAt: start, archiveReason: 'deadline passed' },
  );

  const candidates = (await orm.em.getConnection().execute(
    `select j.id, j.original_url, j.source_id, j.link_failing_since, j.link_failure_count,
            s.crawl_delay_seconds, s.disallowed_paths
       from jobs j join data_sources s on s.id = j.source_id
      where j.is_active and (j.link_checked_at is null or j.link_checked_at < ?)
      order by j.link_checked_at asc nulls first, j.id
      limit ?`,
    [new Date(start.getTime() - (options.minIntervalMs ?? 20 * 3600 * 1000)), options.limit ?? 20_000],
    'all',
  )) as Candidate[];

  const bySource = new Map<string, Candidate[]>();
  for (const c of candidates) bySource.set(c.source_id, [...(bySource.get(c.source_id) ?? []), c]);
  const groups = [...bySource.values()];
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, groups.length)) }, async () => {
    for (let group = groups.shift(); group; group = groups.shift()) await checkSource(orm, group, options, clock, summary);
  });
  await Promise.all(workers);
  log.info('link check done', summary);
  return summary;
}

async function checkSource(orm: MikroORM, jobs: Candidate[], options: LinkCheckOptions, clock: Clock, summary: LinkCheckSummary): Promise<void> {
  const first = jobs[0]!;
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const timing = timedTransport(options.transport);
  const fetcher = new PoliteFetcher({
    policy: { crawlDelaySeconds: first.crawl_delay_seconds, disallowedPaths: first.disallowed_paths ?? [] },
    clock,
    transport: timing.transport,
    allowedPrivateHosts: options.allowedPrivateHosts,
    resolveHost: options.resolveHost,
    coordinator: options.coordinator?.(controller.signal),
    signal: controller.signal,
    maxRetries: options.maxRetries ?? 1,
    timeoutMs: options.timeoutMs ?? 20_000,
  });
  try {
    for (const job of jobs) {
      if (controller.signal.aborted) return;
      timing.lastMs = undefined;
      const outcome = await checkLink(fetcher, job.original_url, timing);
      await record(orm, job, outcome, new Date(clock.now()), options, summary);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function record(orm: MikroORM, job: Candidate, outcome: LinkOutcome, now: Date, options: LinkCheckOptions, summary: LinkCheckSummary): Promise<void> {
  const em = orm.em.fork();
  if (outcome.kind === 'skipped') {
    summary.skipped++;
    return;
  }
  summary.checked++;
  if (outcome.kind === 'ok' || outcome.kind === 'inconclusive') {
    summary[outcome.kind]++;
    // The server answered: whatever failure streak there was is over.
    await em.nativeUpdate(Job, { id: job.id }, {
      linkCheckedAt: now, linkFailingSince: null, linkFailureCount: 0,
      linkLastError: outcome.kind === 'inconclusive' ? `HTTP ${outcome.status}` : null,
      linkFinalUrl: outcome.kind === 'ok' ? outcome.finalUrl ?? null : null,
      linkResponseMs: outcome.kind === 'ok' ? outcome.responseMs ?? null : null,
    });
    return;
  }
  if (outcome.kind === 'gone') {
    summary.archived.gone++;
    await em.nativeUpdate(Job, { id: job.id }, {
      linkCheckedAt: now, linkLastError: `HTTP ${outcome.status}`, isActive: false, archivedAt: now, archiveReason: `HTTP ${outcome.status}`,
    });
    return;
  }
  // A refused link counts as failing: the page cannot be reached from here, and nothing was sent.
  if (outcome.kind === 'refused') (options.log ?? silentLogger).warn('link refused: private address', { jobId: job.id, reason: outcome.reason });
  const since = job.link_failing_since ? new Date(job.link_failing_since) : now;
  const count = job.link_failure_count + 1;
  const tz = options.timezone ?? 'America/Toronto';
  // One bad night is not a dead link: it takes several failures spread over days.
  const dead = count >= (options.failuresToArchive ?? 3) && daysBetween(since, now, tz) >= (options.failingForDays ?? 2);
  await em.nativeUpdate(Job, { id: job.id }, {
    linkCheckedAt: now, linkFailingSince: since, linkFailureCount: count, linkLastError: outcome.reason.slice(0, 200),
    ...(dead ? { isActive: false, archivedAt: now, archiveReason: `link: failing since ${calendarDate(since, tz)}` } : {}),
  });
  if (dead) summary.archived.failing++;
  else summary.failing++;
}
