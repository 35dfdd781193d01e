import { readDate } from './read-date.js';

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
  const iso = readDate(text, { now, timeZone });
  if (!iso) return undefined;
  if (HAS_TIME.test(text)) return iso;
  // parseDate places a bare date somewhere inside that local day; read the day back in the same
  // zone and move to its last second.
  const { year, month, day } = localParts(Date.parse(iso), timeZone);
  return zonedTimeToUtc(year, month, day, 23, 59, 59, timeZone).toISOString();
}

interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

function localParts(at: number, timeZone: string): LocalParts {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(at))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

// Offset of `timeZone` from UTC at instant `at`, in ms (negative west of Greenwich).
function offsetMs(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in `timeZone` (exact outside DST gaps, which never hit 23:59). */
export function zonedTimeToUtc(
  year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes: the offset at the first guess may differ from the offset at the answer across a DST change.
  let t = wall - offsetMs(wall, timeZone);
  t = wall - offsetMs(t, timeZone);
  return new Date(t);
}
