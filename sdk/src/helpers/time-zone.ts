/** Wall-clock time in an IANA zone <-> UTC, with Intl only (no timezone database of our own). */
import type { ProvinceCode } from '../posting/enums.js';

/** The zone dates are read in when nothing says otherwise (parseDate's default too). */
export const DEFAULT_TIME_ZONE = 'America/Toronto';

/**
 * The IANA zone of each province's capital / most populous area. Provinces spanning zones (BC's
 * Peace River and Kootenays, northwestern Ontario, Nunavut) get their main zone: a deadline there
 * may be off by one hour, never by a day.
 */
const PROVINCE_ZONES: Record<ProvinceCode, string> = {
  BC: 'America/Vancouver',
  AB: 'America/Edmonton',
  SK: 'America/Regina',
  MB: 'America/Winnipeg',
  ON: 'America/Toronto',
  QC: 'America/Toronto',
  NB: 'America/Moncton',
  NS: 'America/Halifax',
  PE: 'America/Halifax',
  NL: 'America/St_Johns',
  YT: 'America/Whitehorse',
  NT: 'America/Yellowknife',
  NU: 'America/Iqaluit',
};

/**
 * The time zone in which a job's local dates are read: its province's (America/Toronto when unknown).
 *
 * @example
 * ```ts
 * timeZoneForProvince('BC');      // 'America/Vancouver'
 * timeZoneForProvince(undefined); // 'America/Toronto'
 * parseDate('December 4, 2026', { timeZone: timeZoneForProvince(posting.province) });
 * ```
 */
export function timeZoneForProvince(province: ProvinceCode | undefined): string {
  return (province && PROVINCE_ZONES[province]) || DEFAULT_TIME_ZONE;
}

/**
 * The last second (23:59:59) of the local day that contains `at` in `timeZone`, as a UTC ISO
 * string: the deadline of a board that writes "apply by December 4" and means through that day.
 *
 * @example
 * ```ts
 * endOfLocalDay(parseDate('December 4, 2026', { timeZone: 'America/Vancouver' })!, 'America/Vancouver');
 * // '2026-12-05T07:59:59.000Z'
 * ```
 */
export function endOfLocalDay(at: string | number | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  const w = wallClock(ms, timeZone);
  return new Date(zonedToUtc(w.y, w.m, w.d, 23, 59, 59, timeZone)).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The wall-clock fields of `utcMs` in `timeZone` (month 1-12, hour 0-23).
 *
 * @example
 * ```ts
 * wallClock(Date.parse('2026-12-05T07:59:59Z'), 'America/Vancouver'); // { y: 2026, m: 12, d: 4, h: 23, mi: 59, s: 59 }
 * ```
 */
export function wallClock(utcMs: number, timeZone: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour! % 24, mi: parts.minute!, s: parts.second! };
}

/** Offset of `timeZone` from UTC at `utcMs`, in ms (Toronto in winter: -5 h). */
function offsetMs(utcMs: number, timeZone: string): number {
  const w = wallClock(utcMs, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant (ms) at which the wall clock in `timeZone` shows the given time (month 1-12);
 * exact outside DST gaps.
 *
 * @example
 * ```ts
 * new Date(zonedToUtc(2026, 12, 4, 23, 59, 59, 'America/Vancouver')).toISOString(); // '2026-12-05T07:59:59.000Z'
 * ```
 */
export function zonedToUtc(
  y: number,
  m: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  timeZone = 'America/Toronto',
): number {
  const asUtc = Date.UTC(y, m - 1, d, h, mi, s);
  // Two passes settle DST edges: the offset at the guess may differ from the offset at the answer.
  let utc = asUtc - offsetMs(asUtc, timeZone);
  utc = asUtc - offsetMs(utc, timeZone);
  return utc;
}
