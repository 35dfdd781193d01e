import { Type, type Static } from 'typebox';
import type { IJobAlert } from '@pathfinder/core';
import { PROVINCE_PATTERN } from './provinces.js';

/** At most this many alerts per user: enough for real use, bounded for the sender. */
export const MAX_ALERTS_PER_USER = 20;

const JobTypeEnum = Type.Enum(['coop', 'internship', 'new_grad']);
const TermEnum = Type.Enum(['summer', 'fall', 'winter', 'year_round']);
const LocationTypeEnum = Type.Enum(['remote', 'hybrid', 'onsite']);
const FrequencyEnum = Type.Enum(['instant', 'daily', 'weekly']);

const filterFields = {
  jobType: Type.Array(JobTypeEnum, { maxItems: 10 }),
  term: Type.Array(TermEnum, { maxItems: 10 }),
  locationType: Type.Array(LocationTypeEnum, { maxItems: 10 }),
  province: Type.Array(Type.String({ pattern: PROVINCE_PATTERN }), { maxItems: 26, description: 'Two-letter codes, checked against the provinces table.' }),
};

const Name = Type.String({ minLength: 1, maxLength: 120 });
const Query = Type.String({ maxLength: 500, description: 'Search words, as in `GET /jobs?q=` (websearch syntax).' });

export const AlertSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  q: Type.Union([Type.String(), Type.Null()]),
  ...filterFields,
  frequency: FrequencyEnum,
  active: Type.Boolean(),
  lastSentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AlertDto = Static<typeof AlertSchema>;

export const CreateAlertBody = Type.Object({
  name: Name,
  q: Type.Optional(Type.Union([Query, Type.Null()])),
  jobType: Type.Optional(filterFields.jobType),
  term: Type.Optional(filterFields.term),
  locationType: Type.Optional(filterFields.locationType),
  province: Type.Optional(filterFields.province),
  frequency: Type.Optional(FrequencyEnum),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/** Any subset; `q: null` clears the search words, `[]` clears a filter. */
export const PatchAlertBody = Type.Object({
  name: Type.Optional(Name),
  q: Type.Optional(Type.Union([Query, Type.Null()])),
  jobType: Type.Optional(filterFields.jobType),
  term: Type.Optional(filterFields.term),
  locationType: Type.Optional(filterFields.locationType),
  province: Type.Optional(filterFields.province),
  frequency: Type.Optional(FrequencyEnum),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export type AlertFilterKey = keyof typeof filterFields;
export const FILTER_KEYS = Object.keys(filterFields) as AlertFilterKey[];

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function toAlertDto(alert: IJobAlert): AlertDto {
  const f = alert.filters ?? {};
  return {
    id: alert.id,
    name: alert.name,
    q: alert.query ?? null,
    jobType: strings(f.jobType) as AlertDto['jobType'],
    term: strings(f.term) as AlertDto['term'],
    locationType: strings(f.locationType) as AlertDto['locationType'],
    province: strings(f.province),
    frequency: alert.frequency,
    active: alert.active,
    lastSentAt: iso(alert.lastSentAt),
    createdAt: iso(alert.createdAt)!,
    updatedAt: iso(alert.updatedAt)!,
  };
}
