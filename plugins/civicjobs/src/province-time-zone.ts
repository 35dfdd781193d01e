import type { ProvinceCode } from '@pathfinder/sdk';

/** The zone used when a job's province is unknown (the SDK's default too). */
export const DEFAULT_TIME_ZONE = 'America/Toronto';

/**
 * The IANA zone of each province's capital / most populous area. Provinces spanning zones (BC's
 * Peace River and Kootenays, northwestern Ontario, Nunavut) get their main zone: a deadline there
 * may be off by one hour, never by a day.
 */
const ZONES: Record<ProvinceCode, string> = {
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
 * The time zone in which a job's local dates are read.
 *
 * @example
 * ```ts
 * timeZoneFor('BC'); // 'America/Vancouver'
 * timeZoneFor(undefined); // 'America/Toronto'
 * ```
 */
export function timeZoneFor(province: ProvinceCode | undefined): string {
  return (province && ZONES[province]) || DEFAULT_TIME_ZONE;
}
