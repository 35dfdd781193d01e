/**
 * The example source of docs/plugin-authoring.md: a job board with paginated listing pages and one
 * page per job carrying a schema.org JobPosting in JSON-LD. The guide quotes this file; the test
 * server/test/scaffold/plugin-authoring-doc.test.ts runs it against docs/examples/fixtures/site.
 */
import { Type, type Static } from 'typebox';
import {
  absoluteUrl,
  defineSource,
  extractJsonLdJobPostings,
  FatalSourceError,
  jsonLdToPosting,
  normalizeWhitespace,
  parseDate,
  type CrawlContext,
  type JobPosting,
} from '@pathfinder/sdk';

export const configSchema = Type.Object(
  {
    maxPages: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Listing pages read per run, at most' }),
    listPath: Type.String({ pattern: '^/', default: '/jobs', description: 'Path of the first listing page' }),
  },
  { additionalProperties: false },
);

/** What `ctx.config` holds once the engine applied the defaults. */
export type PrairieConfig = Static<typeof configSchema>;

export default defineSource<PrairieConfig>({
  id: 'prairie-careers',
  name: 'Prairie Careers',
  version: '1.2.0', // in a package: pkg.version, read from its package.json
  sdk: '^1.0.0',
  baseUrl: 'https://careers.prairie-board.example',
  crawlDelaySeconds: 5,
  disallowedPaths: ['/admin', '/jobs/*/apply'],
  schedule: '40 */6 * * *',
  description: 'Student and new-graduate jobs on the Prairie Careers board',
  configSchema,
  crawl,
});

async function* crawl(ctx: CrawlContext<PrairieConfig>): AsyncGenerator<JobPosting> {
  const seen = new Set<string>();
  let url: string | undefined = `${ctx.baseUrl}${ctx.config.listPath}`;
  for (let page = 1; url !== undefined && page <= ctx.config.maxPages; page++) {
    const res = await ctx.fetch(url);
    if (!res.ok) {
      // Nothing read at all: fail the run. Later pages: keep what we have.
      if (page === 1) throw new FatalSourceError(`Listing ${url} answered HTTP ${res.status}`, { url });
      ctx.log.warn('Listing page failed; pagination stops', { url, status: res.status });
      break;
    }
    for (const link of Array.from(res.document.querySelectorAll('a.job-link'))) {
      if (ctx.signal.aborted) return;
      const jobUrl = absoluteUrl(link.getAttribute('href') ?? '', res.url);
      if (seen.has(jobUrl)) continue; // featured jobs repeat on every page
      seen.add(jobUrl);
      const posting = await readJob(ctx, jobUrl);
      if (posting) yield posting;
    }
    const next = res.document.querySelector('a[rel="next"]')?.getAttribute('href');
    url = next ? absoluteUrl(next, res.url) : undefined;
  }
  ctx.state.lastCompletedAt = ctx.now().toISOString();
}

async function readJob(ctx: CrawlContext<PrairieConfig>, url: string): Promise<JobPosting | undefined> {
  const res = await ctx.fetch(url);
  if (!res.ok) {
    ctx.log.warn(`Job page answered HTTP ${res.status}; skipped`, { url }); // closed since the listing was read
    return undefined;
  }
  const [ld] = extractJsonLdJobPostings(res.document);
  const fromLd = ld ? jsonLdToPosting(ld, { url: res.url }) : {};
  const title = fromLd.title ?? normalizeWhitespace(res.document.querySelector('h1')?.textContent ?? '');
  const companyName = fromLd.companyName ?? normalizeWhitespace(res.document.querySelector('.employer')?.textContent ?? '');
  if (!title || !companyName) {
    ctx.log.warn('Job page without a title or an employer; skipped', { url });
    return undefined;
  }
  const posting: JobPosting = { description: '', ...fromLd, title, companyName, originalUrl: res.url };
  posting.externalId = new URL(res.url).pathname.split('/').pop();
  // "Closes in 10 days": relative to the crawl's clock, never to the wall clock.
  const closing = res.document.querySelector('.closing')?.textContent;
  if (posting.applicationDeadline === undefined && closing) {
    const deadline = parseDate(closing, { now: ctx.now() });
    if (deadline) posting.applicationDeadline = deadline;
  }
  return posting;
}
