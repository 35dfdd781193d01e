import { PathfinderError } from '../errors.js';
import { decodeEntities } from './entities.js';

/**
 * Resolves `href` (relative, protocol-relative, with stray whitespace or `&amp;`) against `base`.
 * Throws PathfinderError `PF_ERR_INVALID_URL` when it cannot be resolved.
 *
 * @example
 * ```ts
 * absoluteUrl('/jobs?id=123&amp;ref=rss', 'https://www.civicjobs.ca/rss'); // 'https://www.civicjobs.ca/jobs?id=123&ref=rss'
 * absoluteUrl('//cdn.example.org/a.png', 'https://x.ca');                  // 'https://cdn.example.org/a.png'
 * ```
 */
export function absoluteUrl(href: string, base: string): string {
  const cleaned = decodeEntities(href.trim()).replace(/[\t\n\r]/g, '');
  try {
    return new URL(cleaned, base).href;
  } catch (e) {
    throw new PathfinderError(`Cannot resolve URL "${href}" against "${base}"`, { code: 'PF_ERR_INVALID_URL', cause: e });
  }
}
