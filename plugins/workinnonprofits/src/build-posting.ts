import type { JobPosting } from '@pathfinder/sdk';
import type { ListingCard } from './parse-listing.js';
import type { DetailPage } from './parse-detail.js';
import { parseLocationLines } from './parse-location.js';
import { optional } from './optional.js';
import type { JobLink } from './urls.js';

/**
 * The posting's externalId: the site's numeric job id, with a `v` in front for the volunteer
 * section. The two sections number their postings separately (paid ids are around 112000,
 * volunteer ids far lower), so without the prefix a volunteer id could one day equal a paid one.
 *
 * @example
 * ```ts
 * externalIdOf({ section: 'jobs', id: '112345', language: 'E' });         // '112345'
 * externalIdOf({ section: 'volunteer-jobs', id: '4521', language: 'E' }); // 'v4521'
 * ```
 */
export function externalIdOf(link: Pick<JobLink, 'section' | 'id'>): string {
  return link.section === 'volunteer-jobs' ? `v${link.id}` : link.id;
}

/**
 * Merges what a listing card and its detail page say into one posting; the detail page wins,
 * the card fills the gaps (title, organisation, location, the closing date resolved from
 * "closes in N days"). Returns undefined, naming what is missing, when the posting would lack a
 * title or an organisation.
 *
 * @example
 * ```ts
 * const r = buildPosting(card, parseDetailPage(res.document, { url }), url);
 * if (r.posting) yield r.posting; else ctx.log.warn('incomplete posting', { url, missing: r.missing });
 * ```
 */
export function buildPosting(
  card: ListingCard,
  detail: DetailPage,
  originalUrl: string,
): { posting: JobPosting; missing?: undefined } | { posting?: undefined; missing: string[] } {
  const d = detail.fields;
  const title = clip(d.title || card.title || '', 300);
  const companyName = clip(d.companyName || card.companyName || '', 200);
  const missing = [...(title ? [] : ['title']), ...(companyName ? [] : ['companyName'])];
  if (missing.length > 0) return { missing };

  // The card's location is only a fallback: `.vj_loc` is fuller (province, work-from-home line).
  const cardLoc = card.location ? parseLocationLines([card.location]) : {};
  const hasDetailPlace = d.city !== undefined || d.province !== undefined;
  const city = hasDetailPlace ? d.city : cardLoc.city;
  const province = hasDetailPlace ? d.province : cardLoc.province;
  const locationType = d.locationType ?? card.locationType ?? cardLoc.locationType;

  // The volunteer section is unpaid by definition; a paid-section posting typed VOLUNTEER is too.
  const withPay = card.link.section === 'jobs' && !detail.employmentTypes.includes('VOLUNTEER');

  const posting: JobPosting = {
    title,
    companyName,
    originalUrl,
    externalId: externalIdOf(card.link),
    description: d.description ?? '',
    ...optional('descriptionHtml', d.descriptionHtml),
    ...optional('jobType', d.jobType),
    ...optional('locationType', locationType),
    ...optional('city', city),
    ...optional('province', province),
    withPay,
    ...(withPay ? salaryOf(d) : {}),
    // validThrough (absolute) beats the card's relative "closes in N days".
    ...optional('applicationDeadline', d.applicationDeadline ?? card.applicationDeadline),
    ...optional('datePosted', d.datePosted),
  };
  return { posting };
}

function salaryOf(d: Partial<JobPosting>): Partial<JobPosting> {
  return {
    ...optional('salaryMin', d.salaryMin),
    ...optional('salaryMax', d.salaryMax),
    ...optional('salaryPeriod', d.salaryPeriod),
  };
}

function clip(s: string, max: number): string {
  const t = s.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}
