import { parseDate } from '@pathfinder/sdk';

/**
 * The SDK's parseDate, plus one workaround: parseDate 1.0.0 takes a leading "Mar"/"March" for the
 * French weekday "mar(di)" and strips it, so "March 8, 2026" comes back undefined. When a
 * month-first date fails, it is retried day-first ("8 March 2026"), which parses.
 *
 * @example
 * ```ts
 * readDate('March 8, 2026', { timeZone: 'America/Vancouver' }); // '2026-03-08T08:00:00.000Z'
 * ```
 */
export function readDate(text: string, o: { now?: Date; timeZone?: string }): string | undefined {
  const direct = parseDate(text, o);
  if (direct) return direct;
  const m = /^\s*([A-Za-z\u00c0-\u017f]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(.*)$/.exec(text);
  return m ? parseDate(`${m[2]} ${m[1]} ${m[3]}${m[4]}`, o) : undefined;
}
