/** Wall-clock time in an IANA zone <-> UTC, with Intl only (no timezone database of our own). */

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

/** The wall-clock fields of `utcMs` in `timeZone`. */
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

/** The UTC instant at which the wall clock in `timeZone` shows the given time. */
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
