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
  jsonLdToPosting,
  normalizeWhitespace,
  paginate,
  parseDate,
  type CrawlContext,
  type FetchResponse,
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

export default defineSource({
  id: 'prairie-careers',
  name: 'Prairie Careers',
  version: '1.2.0', // in a package: pkg.version, read from its package.json
  sdk: '^1.1.0',
  baseUrl: 'https://careers.prairie-board.example',
  crawlDelaySeconds: 5,
  disallowedPaths: ['/admin', '/jobs/*/apply'],
  schedule: '40 */6 * * *',
  description: 'Student and new-graduate jobs on the Prairie Careers board',
  configSchema,
  crawl,
});

async function* crawl(ctx: CrawlContext<PrairieConfig>): AsyncGenerator<JobPosting> {
  // Every job link of every listing page, following rel="next" (a repeat or maxPages ends the walk).
  const links = paginate(ctx, `${ctx.baseUrl}${ctx.config.listPath}`, (res) => ({
    items: Array.from(res.document.querySelectorAll('a.job-link'), (a) => absoluteUrl(a.getAttribute('href') ?? '', res.url)),
    next: res.document.querySelector('a[rel="next"]')?.getAttribute('href') ?? undefined,
  }), { maxPages: ctx.config.maxPages });
  for await (const jobUrl of links) {
    if (ctx.signal.aborted) return;
    if (!ctx.once(jobUrl)) continue; // featured jobs repeat on every page
    const id = new URL(jobUrl).pathname.split('/').pop()!;
    // Asked conditionally: a job page unchanged since the last run answers 304 and costs no parsing.
    const res = await ctx.fetchOptional(jobUrl, { conditional: true });
    if (res?.notModified) {
      ctx.stillListed(id, { confirmed: true }); // stored, still listed, not archived
      continue;
    }
    if (!res?.ok) {
      ctx.log.warn('Job page gone or refused; skipped', { url: jobUrl, status: res?.status }); // closed since the listing was read
      continue;
    }
    const posting = readJob(ctx, res);
    if (posting) yield posting;
  }
  ctx.state.lastCompletedAt = ctx.now().toISOString();
}

function readJob(ctx: CrawlContext<PrairieConfig>, res: FetchResponse): JobPosting | undefined {
  const [ld] = extractJsonLdJobPostings(res.document);
  const fromLd = ld ? jsonLdToPosting(ld, { url: res.url }) : {};
  const title = fromLd.title ?? normalizeWhitespace(res.document.querySelector('h1')?.textContent ?? '');
  const companyName = fromLd.companyName ?? normalizeWhitespace(res.document.querySelector('.employer')?.textContent ?? '');
  if (!title || !companyName) {
    ctx.log.warn('Job page without a title or an employer; skipped', { url: res.url });
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
