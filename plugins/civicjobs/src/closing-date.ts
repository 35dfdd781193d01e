import { endOfLocalDay, parseDate } from '@pathfinder/sdk';

// A closing date that names a time ("4:00 p.m.", "noon") is kept as the SDK reads it.
const HAS_TIME = /\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?\s*m\b|\bnoon\b|\bmidnight\b/i;

/**
 * A closing date as a UTC ISO deadline, read in the job's time zone.
 *
 * Semantics: CivicJobs gives a day ("December 4, 2026"), and applications are accepted through
 * that day, so a date without a time becomes the END of that local day (23:59:59 in `timeZone`),
 * not its start. A date that carries a time keeps it. Unreadable text ("Open until filled")
 * gives `undefined`.
 *
 * @example
 * ```ts
 * closingDateToUtc('December 4, 2026', 'America/Vancouver', new Date()); // '2026-12-05T07:59:59.000Z'
 * closingDateToUtc('Open until filled', 'America/Toronto', new Date());  // undefined
 * ```
 */
export function closingDateToUtc(text: string, timeZone: string, now: Date): string | undefined {
  const iso = parseDate(text, { now, timeZone });
  if (!iso) return undefined;
  return HAS_TIME.test(text) ? iso : endOfLocalDay(iso, timeZone);
}
