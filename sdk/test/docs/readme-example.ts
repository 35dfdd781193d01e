import { Type } from 'typebox';
import {
  defineSource,
  extractJsonLdJobPostings,
  FatalSourceError,
  htmlToText,
  jsonLdToPosting,
  parseDate,
  parseFeed,
  parseLocation,
  type JobPosting,
} from '@pathfinder/sdk';

export default defineSource({
  id: 'example-rss',
  name: 'Example RSS board',
  version: '1.0.0',
  sdk: '^1.0.0',
  baseUrl: 'https://www.example-board.test',
  crawlDelaySeconds: 5,
  disallowedPaths: ['/admin'],
  schedule: '0 */4 * * *',
  description: 'Reads the board RSS feed, then each posting page.',
  configSchema: Type.Object({
    feedPath: Type.String({ default: '/feed' }),
    maxItems: Type.Integer({ minimum: 1, default: 200 }),
  }),
  async *crawl(ctx) {
    const res = await ctx.fetch(ctx.config.feedPath); // resolved against ctx.baseUrl
    if (!res.ok) throw new FatalSourceError(`feed answered ${res.status}`, { url: res.url });
    const items = parseFeed(res.text).items.slice(0, ctx.config.maxItems);

    for (const item of items) {
      if (ctx.signal.aborted) return;
      const page = await ctx.fetch(item.link);
      if (!page.ok) {
        ctx.log.warn('posting page gone', { url: item.link, status: page.status });
        continue;
      }
      // "Junior Data Analyst - City of Example (Halifax, NS)"
      const m = /^(.*) - ([^-]+?) \((.+)\)$/.exec(item.title);
      const where = parseLocation(m?.[3] ?? '');
      const posting: JobPosting = {
        title: m?.[1] ?? item.title,
        companyName: m?.[2] ?? 'Unknown employer',
        originalUrl: page.url,
        externalId: item.guid,
        description: htmlToText(item.description),
        ...(where.city ? { city: where.city } : {}),
        ...(where.province ? { province: where.province } : {}),
      };
      const posted = item.pubDate ? parseDate(item.pubDate) : undefined;
      if (posted) posting.datePosted = posted;

      // Prefer the page's schema.org JobPosting when it has one.
      const [ld] = extractJsonLdJobPostings(page.document);
      yield ld ? { ...posting, ...jsonLdToPosting(ld, { url: page.url }) } : posting;
      ctx.state.lastGuid = item.guid;
    }
  },
});
