import type { Section } from './config.js';

/**
 * URLs of workinnonprofits.ca.
 *
 * Every URL the crawler requests is rebuilt from `ctx.baseUrl` and the ids/slugs read from a link,
 * never taken verbatim from the page: the site writes some links relative and some absolute (to
 * its own origin), and a mirror or the fixture server must still be the host we talk to.
 */

/** Language letter in a detail URL: English or French version of the same posting. */
export type Language = 'E' | 'F';

/** A job link `/jobs/view/{id}/{E|F}/{slug}` (or `/volunteer-jobs/view/…`), decoded. */
export interface JobLink {
  section: Section;
  id: string;
  language: Language;
  slug?: string;
}

/** A region link `/jobs/list-by/region/{id}/{slug}` (or `/volunteer-jobs/list-by/…`), decoded. */
export interface RegionLink {
  section: Section;
  id: number;
  slug?: string;
}

// The section is anchored on a path boundary so that "/volunteer-jobs/…" is never read as "/jobs/…".
const JOB_LINK = /(?:^|\/)((?:volunteer-)?jobs)\/view\/(\d+)\/([EF])(?:\/([^/?#\s]+))?/i;
const REGION_LINK = /(?:^|\/)((?:volunteer-)?jobs)\/list-by\/region\/(\d+)(?:\/([^/?#\s]+))?/i;

/**
 * Decodes a job detail link, relative or absolute.
 *
 * @example
 * ```ts
 * parseJobLink('/jobs/view/112345/E/program-coordinator');
 * // { section: 'jobs', id: '112345', language: 'E', slug: 'program-coordinator' }
 * parseJobLink('https://workinnonprofits.ca/volunteer-jobs/view/4521/f/tresorier'); // language 'F'
 * ```
 */
export function parseJobLink(href: string): JobLink | undefined {
  const m = JOB_LINK.exec(pathOf(href));
  if (!m) return undefined;
  return {
    section: m[1].toLowerCase() as Section,
    id: m[2],
    language: m[3].toUpperCase() as Language,
    ...(m[4] ? { slug: m[4] } : {}),
  };
}

/**
 * Decodes a region listing link, relative or absolute.
 *
 * @example
 * ```ts
 * parseRegionLink('/jobs/list-by/region/9/nova-scotia'); // { section: 'jobs', id: 9, slug: 'nova-scotia' }
 * ```
 */
export function parseRegionLink(href: string): RegionLink | undefined {
  const m = REGION_LINK.exec(pathOf(href));
  if (!m) return undefined;
  return { section: m[1].toLowerCase() as Section, id: Number(m[2]), ...(m[3] ? { slug: m[3] } : {}) };
}

/** `{base}/{section}/search`: the search form, which links every region page. */
export function searchUrl(baseUrl: string, section: Section): string {
  return `${trimBase(baseUrl)}/${section}/search`;
}

/** `{base}/{section}/list-by/region/{id}/{slug}`, with `?page=N` for N > 1. */
export function regionUrl(baseUrl: string, r: RegionLink, page = 1): string {
  const slug = r.slug ? `/${encodeURIComponent(r.slug)}` : '';
  const query = page > 1 ? `?page=${page}` : '';
  return `${trimBase(baseUrl)}/${r.section}/list-by/region/${r.id}${slug}${query}`;
}

/** `{base}/{section}/view/{id}/{E|F}/{slug}`. */
export function jobUrl(baseUrl: string, j: JobLink): string {
  const slug = j.slug ? `/${encodeURIComponent(j.slug)}` : '';
  return `${trimBase(baseUrl)}/${j.section}/view/${j.id}/${j.language}${slug}`;
}

/**
 * The page number a pagination link points at (`?page=2`, `…/ontario?page=3&sort=date`), if any.
 *
 * @example
 * ```ts
 * pageNumberOf('?page=2'); // 2
 * pageNumberOf('#');       // undefined
 * ```
 */
export function pageNumberOf(href: string): number | undefined {
  let url: URL;
  try {
    url = new URL(href.trim(), 'http://placeholder.invalid/');
  } catch {
    return undefined;
  }
  const raw = url.searchParams.get('page');
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n >= 1 ? n : undefined;
}

function pathOf(href: string): string {
  const s = href.trim();
  try {
    // Decode percent-escapes so "/jobs/view/1/E/caf%C3%A9" keeps a readable slug; drop the query.
    const u = new URL(s, 'http://placeholder.invalid/');
    return decodeURIComponent(u.pathname);
  } catch {
    return s;
  }
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
