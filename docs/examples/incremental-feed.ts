/**
 * The incremental feed crawl of docs/plugin-authoring.md ("Re-crawls that learn nothing cost
 * nothing"): a feed whose items carry a pubDate, a detail page per job read only when the feed
 * says it changed or the stored copy is older than the manifest's maxDetailAgeDays.
 */
import { defineSource, htmlToText, parseFeed, type CrawlContext, type JobPosting } from '@pathfinder/sdk';

export default defineSource({
  id: 'feed-board',
  name: 'Feed Board',
  version: '1.0.0',
  sdk: '^1.1.0',
  baseUrl: 'https://www.feed-board.example',
  siteOrigins: ['http://www.feed-board.example'], // its feed links with both schemes
  crawlDelaySeconds: 6,
  maxDetailAgeDays: 7, // the default: re-read a job's page at least weekly, whatever the feed says
  schedule: '0 */4 * * *',
  crawl,
});

async function* crawl(ctx: CrawlContext): AsyncGenerator<JobPosting> {
  const feed = parseFeed((await ctx.fetch('/rss')).text);
  for (const item of feed.items) {
    const id = item.guid ?? item.link;
    if (!id || !item.link || !ctx.once(id)) continue;
    // Read since its pubDate, and recently enough: the engine keeps the stored job as it is.
    if (ctx.isFresh(id, item.pubDate) && ctx.stillListed(id)) continue;
    const page = await ctx.fetchOptional(item.link); // the site's own link: a mirror is mapped by the engine
    yield {
      externalId: id,
      title: item.title ?? '',
      companyName: page?.document.querySelector('.employer')?.textContent?.trim() || 'Feed Board employer',
      originalUrl: item.link,
      description: htmlToText(page?.ok ? page.text : (item.description ?? '')),
    };
  }
}
