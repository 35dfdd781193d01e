import { normalizeWhitespace, parseLocation, type JobPosting } from '@pathfinder/sdk';

/** What a location text tells us, in JobPosting terms. */
export type LocationFields = Pick<JobPosting, 'city' | 'province' | 'locationType'>;

// Words that are never a city, whatever a generic location parser makes of them.
const NOT_A_CITY = /\b(?:work(?:ing)?\s+from\s+home|remote|anywhere|international|hybrid|virtual|t[ée]l[ée]travail|canada)\b/i;

/**
 * Reads a Work In Nonprofits location: the lines of `.vj_loc` (split at `<br>`) or a card's
 * `span.lj_loc` / tooltip text.
 *
 * Each line is parsed alone and all lines together (a `<br>` sometimes splits "Wolfville,<br>Nova
 * Scotia"); the reading that names the most (province, then city) wins, earlier lines first. A
 * location type found on any line ("Work From Home - From Anywhere", "Hybrid - 3 days…") is kept.
 * "International" gives no city, no province and no location type.
 *
 * @example
 * ```ts
 * parseLocationLines(['Toronto, Ontario', 'Hybrid - 3 days a week in the office']);
 * // { city: 'Toronto', province: 'ON', locationType: 'hybrid' }
 * parseLocationLines(['Location: Ottawa (Ontario)']); // { city: 'Ottawa', province: 'ON' }
 * ```
 */
export function parseLocationLines(lines: readonly string[]): LocationFields {
  const cleaned = lines.map(cleanLine).filter((l) => l !== '');
  if (cleaned.length === 0) return {};
  const candidates = [...cleaned];
  if (cleaned.length > 1) candidates.push(cleaned.join(', ').replace(/,\s*,/g, ','));

  let best: LocationFields = {};
  let bestScore = 0;
  let locationType: JobPosting['locationType'];
  for (const text of candidates) {
    const r = parseLocation(text);
    locationType ??= r.locationType ?? (r.remote ? 'remote' : undefined);
    const city = r.city && !NOT_A_CITY.test(r.city) ? normalizeWhitespace(r.city) : undefined;
    const score = (r.province ? 2 : 0) + (city ? 1 : 0);
    if (score > bestScore) {
      best = { ...(city ? { city } : {}), ...(r.province ? { province: r.province } : {}) };
      bestScore = score;
    }
  }
  return { ...best, ...(locationType ? { locationType } : {}) };
}

/**
 * The location type a card's work-mode line states (`<b>Work From Home</b> | Full Time`).
 *
 * @example
 * ```ts
 * workModeToLocationType('Work From Home'); // 'remote'
 * workModeToLocationType('Sur place');      // 'onsite'
 * workModeToLocationType('Full Time');      // undefined
 * ```
 */
export function workModeToLocationType(text: string): JobPosting['locationType'] {
  const t = normalizeWhitespace(text).toLowerCase();
  if (/\bwork(?:ing)?\s+from\s+home\b|\bremote\b|t[ée]l[ée]travail|\b[àa] distance\b/.test(t)) return 'remote';
  if (/\bhybrid|\bhybride\b/.test(t)) return 'hybrid';
  if (/\bon[\s-]?site\b|\bin[\s-]person\b|\bsur place\b|\ben personne\b/.test(t)) return 'onsite';
  return undefined;
}

function cleanLine(line: string): string {
  let s = normalizeWhitespace(line);
  // A label the page may put in front: "Location:", "Lieu :", "Lieu de travail :".
  s = s.replace(/^(?:job\s+)?(?:location|lieu(?:\s+de\s+travail)?|emplacement)\s*:\s*/i, '');
  // "Ottawa (Ontario)" is the French way of writing "Ottawa, Ontario".
  s = s.replace(/^([^(),]+?)\s*\(([^()]+)\)\s*$/, '$1, $2');
  return s.replace(/^[,;\s]+|[,;\s]+$/g, '');
}
