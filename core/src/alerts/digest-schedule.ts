/** When digests go out: wall-clock times in Toronto, whatever the server's own time zone. */
export const DIGEST_TIMEZONE = 'America/Toronto';

export type DigestFrequency = 'daily' | 'weekly';

/** pg-boss cron for each digest (5 fields, evaluated in `DIGEST_TIMEZONE`): daily 08:00, Mondays 08:00. */
export const DIGEST_SCHEDULES: Record<DigestFrequency, string> = {
  daily: '0 8 * * *',
  weekly: '0 8 * * 1',
};

const DIGEST_HOUR = 8;
const DAY_MS = 86_400_000;

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: DIGEST_TIMEZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: Date): WallClock {
  const out: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(at)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out as unknown as WallClock;
}

/** Toronto's offset from UTC at `at`, in ms (negative: −4 h in summer, −5 h in winter). */
function offsetAt(at: number): number {
  const w = wallClock(new Date(at));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The UTC instant of a Toronto wall-clock time. The offset is looked up twice because the first
 * guess may fall on the other side of a DST change; 08:00 is never in the 02:00–03:00 gap.
 */
function torontoTime(year: number, month: number, day: number, hour: number): Date {
  const naive = Date.UTC(year, month - 1, day, hour);
  const first = naive - offsetAt(naive);
  return new Date(naive - offsetAt(first));
}

/**
 * The latest scheduled digest time at or before `now`: today's (or yesterday's) 08:00 Toronto for
 * `daily`, this (or last) Monday's 08:00 for `weekly`.
 */
export function latestDigestSlot(frequency: DigestFrequency, now: Date): Date {
  const local = wallClock(now);
  // Calendar arithmetic on a UTC date of Toronto's calendar day: no DST inside it.
  const calendar = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (frequency === 'weekly') {
    const sinceMonday = (calendar.getUTCDay() + 6) % 7;
    calendar.setTime(calendar.getTime() - sinceMonday * DAY_MS);
  }
  let slot = torontoTime(calendar.getUTCFullYear(), calendar.getUTCMonth() + 1, calendar.getUTCDate(), DIGEST_HOUR);
  if (slot.getTime() > now.getTime()) {
    calendar.setTime(calendar.getTime() - (frequency === 'weekly' ? 7 : 1) * DAY_MS);
    slot = torontoTime(calendar.getUTCFullYear(), calendar.getUTCMonth() + 1, calendar.getUTCDate(), DIGEST_HOUR);
  }
  return slot;
}

/**
 * Whether an alert's digest should go out at `now`: true unless one was already sent since the
 * latest scheduled time. A digest run that is late (worker down at 08:00), retried, or fired twice
 * therefore sends each alert at most one digest per period.
 *
 * @example
 * isDigestDue('daily', null, now);                                   // true: never sent
 * isDigestDue('daily', new Date('2026-03-09T12:05:00Z'), new Date('2026-03-09T15:00:00Z')); // false: sent after today's 08:00
 */
export function isDigestDue(frequency: DigestFrequency, lastSentAt: Date | null | undefined, now: Date): boolean {
  if (!lastSentAt) return true;
  return lastSentAt.getTime() < latestDigestSlot(frequency, now).getTime();
}
