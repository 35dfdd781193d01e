import { wallClock, zonedToUtc } from './time-zone.js';

/** Options of {@link parseDate}. */
export interface ParseDateOptions {
  /** "Now" for relative phrases ("closes in 3 days"); pass `ctx.now()`. Default: the system time. */
  now?: Date;
  /** Zone of dates written without one; default `America/Toronto`. */
  timeZone?: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janvier: 1, janv: 1,
  feb: 2, february: 2, fevrier: 2, fev: 2, fevr: 2,
  mar: 3, march: 3, mars: 3,
  apr: 4, april: 4, avril: 4, avr: 4,
  may: 5, mai: 5,
  jun: 6, june: 6, juin: 6,
  jul: 7, july: 7, juillet: 7, juil: 7,
  aug: 8, august: 8, aout: 8,
  sep: 9, sept: 9, september: 9, septembre: 9,
  oct: 10, october: 10, octobre: 10,
  nov: 11, november: 11, novembre: 11,
  dec: 12, december: 12, decembre: 12,
};

// RFC 822 zone names, including the Canadian Atlantic and Newfoundland ones (minutes east of UTC).
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  ast: -240, adt: -180, nst: -210, ndt: -150,
};

const MONTH_RE = '([a-zéû]{3,9})\\.?';
const TIME_RE = '(?:\\s*(?:,|at|à|@)?\\s*(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?\\s*([ap])\\.?m\\.?)?';

/**
 * Parses the dates job boards write into an ISO 8601 UTC string, or undefined when unreadable.
 * Dates without a zone are local to `timeZone` (default America/Toronto); a date without a time is
 * that day's local midnight. Handles RFC 822 (`Wed, 04 Dec 2026 10:00:00 -0500`, `… EST`), ISO 8601
 * (`2026-12-04`, `2026-12-04T10:00:00Z`, `…T10:00:00` local), `December 4, 2026`, `Dec. 4, 2026 5:00 PM`,
 * `4 December 2026`, `4 décembre 2026` (English and French months, full or abbreviated, after an
 * optional weekday: `Tue. Mar. 31, 2026`, `mar. 31 mars 2026`), `2026/12/04` (never the ambiguous
 * `12/04/2026`), a leading label
 * (`Closing Date: …`), Unix seconds (`1764860400`) or milliseconds, and
 * relative phrases against `now`: `closes today`, `closes tomorrow`, `closes in 12 days`, `3 days ago`,
 * `in 2 weeks`.
 *
 * @example
 * ```ts
 * parseDate('December 4, 2026');                             // '2026-12-04T05:00:00.000Z'
 * parseDate('closes in 12 days', { now: ctx.now() });        // local midnight 12 days after today
 * parseDate('Wed, 04 Dec 2026 10:00:00 -0500');              // '2026-12-04T15:00:00.000Z'
 * ```
 */
export function parseDate(s: string | number, o: ParseDateOptions = {}): string | undefined {
  const tz = o.timeZone ?? 'America/Toronto';
  if (typeof s === 'number') return fromEpochNumber(s);
  // A leading label ("Closing Date:", "Date de clôture :") is common in scraped text.
  const input = s.normalize('NFC').replace(/\s+/g, ' ').trim().replace(/^[\p{L} ]{2,40}:\s*/u, '');
  if (input === '') return undefined;
  if (/^\d{9,13}$/.test(input)) return fromEpochNumber(Number(input));
  return (
    parseIso(input, tz) ??
    parseRfc822(input, tz) ??
    parseRelative(input, o.now ?? new Date(), tz) ??
    parseWritten(input, tz)
  );
}

function toIso(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fromEpochNumber(n: number): string | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  // 13 digits are milliseconds; anything smaller is seconds (Unix time in seconds passes 1e12 in year 33658).
  return toIso(n >= 1e12 ? n : n * 1000);
}

function parseIso(s: string, tz: string): string | undefined {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!valid(y, mo, d)) return undefined;
  const [h, mi, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  if (m[8]) {
    const off = m[8].toUpperCase() === 'Z' ? 0 : offsetMinutes(m[8]);
    return toIso(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - off * 60_000);
  }
  return toIso(zonedToUtc(y, mo, d, h, mi, sec, tz) + ms);
}

function offsetMinutes(z: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function parseRfc822(s: string, tz: string): string | undefined {
  const m = /^(?:[a-z]{3,9},?\s*)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[a-z]{1,4})?$/i.exec(s);
  if (!m) return undefined;
  const month = MONTHS[fold(m[2]!)];
  let y = Number(m[3]);
  if (y < 100) y += y < 70 ? 2000 : 1900;
  const d = Number(m[1]);
  if (!month || !valid(y, month, d)) return undefined;
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const zone = m[7];
  if (!zone) return toIso(zonedToUtc(y, month, d, h, mi, sec, tz));
  const off = /^[+-]/.test(zone) ? offsetMinutes(zone) : ZONES[zone.toLowerCase()];
  if (off === undefined) return toIso(zonedToUtc(y, month, d, h, mi, sec, tz));
  return toIso(Date.UTC(y, month - 1, d, h, mi, sec) - off * 60_000);
}

function parseRelative(s: string, now: Date, tz: string): string | undefined {
  const t = fold(s).replace(/^(closes?|closing|expires?|deadline|posted|apply by)\s*:?\s*/, '').replace(/[.!]$/, '');
  let days: number | undefined;
  if (/^(today|aujourd'?hui)$/.test(t)) days = 0;
  else if (/^(tomorrow|demain)$/.test(t)) days = 1;
  else if (/^(yesterday|hier)$/.test(t)) days = -1;
  else {
    const fwd = /^(?:in|dans)\s+(\d{1,4}|an?|one)\s+(day|week|jour|semaine)s?$/.exec(t);
    const back = /^(\d{1,4}|an?|one)\s+(day|week)s?\s+ago$/.exec(t) ?? /^il y a\s+(\d{1,4}|une?)\s+(jour|semaine)s?$/.exec(t);
    const hit = fwd ?? back;
    if (!hit) return undefined;
    const n = /^\d+$/.test(hit[1]!) ? Number(hit[1]) : 1;
    const unit = /week|semaine/.test(hit[2]!) ? 7 : 1;
    days = (fwd ? 1 : -1) * n * unit;
  }
  // Calendar arithmetic on the local date, so "tomorrow" is right across DST changes.
  const today = wallClock(now.getTime(), tz);
  const target = new Date(Date.UTC(today.y, today.m - 1, today.d + days));
  return toIso(zonedToUtc(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate(), 0, 0, 0, tz));
}

// Weekday names, English and French (accents folded), full and abbreviated. Matched only as whole
// words: a prefix test ("mar…") once ate "March" and "Mar." as if they were "mardi".
const WEEKDAYS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'weds', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim',
]);

function parseWritten(s: string, tz: string): string | undefined {
  const t = fold(s).replace(/(\d)(st|nd|rd|th|er)\b/g, '$1');
  // The text as written first: "Mar. 31, 2026" is March. Only when that fails is a leading weekday
  // dropped, so "mar. 31 mars 2026" (French Tuesday) still reads, and a month is never lost.
  const withoutWeekday = dropWeekday(t);
  return readWritten(t, tz) ?? (withoutWeekday === undefined ? undefined : readWritten(withoutWeekday, tz));
}

/** `t` without a leading whole-word weekday ("tuesday, ", "tue. ", "mardi "), or undefined when it has none. */
function dropWeekday(t: string): string | undefined {
  const m = /^([a-z]+)\.?,?\s+/.exec(t);
  return m && WEEKDAYS.has(m[1]!) ? t.slice(m[0].length) : undefined;
}

function readWritten(t: string, tz: string): string | undefined {
  // "December 4, 2026" / "Dec. 4 2026" (+ optional time)
  let m = new RegExp(`^${MONTH_RE}\\s+(\\d{1,2}),?\\s+(\\d{4})${TIME_RE}$`).exec(t);
  let parts: [string, string, string] | undefined;
  if (m) parts = [m[2]!, m[1]!, m[3]!];
  else {
    // "4 December 2026" / "4 décembre 2026" / "04-Dec-2026"
    m = new RegExp(`^(\\d{1,2})(?:\\s+|-)${MONTH_RE},?(?:\\s+|-)(\\d{4})${TIME_RE}$`).exec(t);
    if (m) parts = [m[1]!, m[2]!, m[3]!];
  }
  if (!m || !parts) return undefined;
  const month = MONTHS[parts[1]];
  const [d, y] = [Number(parts[0]), Number(parts[2])];
  if (!month || !valid(y, month, d)) return undefined;
  let h = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const sec = Number(m[6] ?? 0);
  if (m[7] === 'p' && h < 12) h += 12;
  if (m[7] === 'a' && h === 12) h = 0;
  if (h > 23 || mi > 59) return undefined;
  return toIso(zonedToUtc(y, month, d, h, mi, sec, tz));
}

// Lower-case and strip accents so "Décembre" and "decembre" match.
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}
