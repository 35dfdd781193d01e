import type { paths } from '@pathfinder/sdk/client';
import { PathfinderApiError } from '../../api';
import { adminEnCA, adminFrCA } from '../../messages-admin';
import { makeTextHook } from '../console-text';

/** The admin console's `t` (its own catalogue, in its own chunk). */
export const useAdminText = makeTextHook({ 'en-CA': adminEnCA, 'fr-CA': adminFrCA });

type Json<P extends keyof paths, M extends 'get' | 'patch'> = paths[P] extends Record<M, { responses: { 200: { content: { 'application/json': infer T } } } }> ? T : never;
export type AdminPlugin = Json<'/api/v1/admin/plugins/{id}', 'get'>;
export type ScrapeLog = Json<'/api/v1/admin/scrape-logs', 'get'>['items'][number];
export type ScrapeLogDetail = Json<'/api/v1/admin/scrape-logs/{id}', 'get'>;
export type RunStatus = ScrapeLog['status'];
export const RUN_STATUSES: RunStatus[] = ['queued', 'running', 'success', 'partial', 'failed', 'aborted'];

/** Where schedules are read, and where the console shows times. */
export const ZONE = 'America/Toronto';

/** "Dec. 3, 2026, 9:00 a.m." in Toronto time. */
export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(new Date(iso));
}

/** "1 min 5 s" / "850 ms". */
export function formatDuration(ms: number | null | undefined, lang: string): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return new Intl.NumberFormat(lang, { style: 'unit', unit: 'millisecond' }).format(ms);
  const seconds = Math.round(ms / 1000);
  const unit = (value: number, u: string) => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  return seconds < 60 ? unit(seconds, 'second') : `${unit(Math.floor(seconds / 60), 'minute')} ${unit(seconds % 60, 'second')}`;
}

/** The API's own message for an error, else `fallback`: an error is never shown as a blank. */
export const messageOf = (e: unknown, fallback: string) => (e instanceof PathfinderApiError ? e.message : fallback);
