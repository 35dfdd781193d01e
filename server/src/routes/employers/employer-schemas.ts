import { Type, type Static } from 'typebox';
import type { IDataSource } from '@pathfinder/core';
import { DateTime, Nullable } from '../jobs/job-schemas.js';
import { isoTime } from '../jobs/job-dto.js';

export const PREFERRED_CONTACTS = ['email', 'phone'] as const;

/** An employer's profile: their own source row, as they see it. */
export const EmployerProfile = Type.Object({
  id: Type.String({ description: 'The employer\'s source id (jobs list it as `source.id`).' }),
  name: Type.String({ description: 'Shown on every job as the source name.' }),
  website: Nullable(Type.String()),
  contactFirstName: Nullable(Type.String()),
  contactLastName: Nullable(Type.String()),
  contactEmail: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  preferredContact: Nullable(Type.String()),
  availableForEvents: Type.Boolean(),
  employeeCount: Nullable(Type.String()),
  isSponsor: Type.Boolean({ description: 'Set by Pathfinder\'s admins.' }),
  createdAt: DateTime(),
  updatedAt: DateTime(),
});
export type EmployerProfile = Static<typeof EmployerProfile>;

const text = (maxLength: number) => Type.Optional(Nullable(Type.String({ minLength: 1, maxLength })));

/** What an employer may change about their profile; `null` clears a field. */
export const PatchEmployerBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    website: Type.Optional(Nullable(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }))),
    contactFirstName: text(100),
    contactLastName: text(100),
    contactEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    contactPhone: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 40, pattern: '^[0-9+().\\-\\s x]+$' }))),
    preferredContact: Type.Optional(Nullable(Type.Enum(PREFERRED_CONTACTS))),
    availableForEvents: Type.Optional(Type.Boolean()),
    employeeCount: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 40, description: 'A range, e.g. `11-50`.' }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchEmployerBody = Static<typeof PatchEmployerBody>;

export function toEmployerProfile(s: IDataSource): EmployerProfile {
  return {
    id: s.id,
    name: s.name,
    website: s.baseUrl ?? null,
    contactFirstName: s.contactFirstName ?? null,
    contactLastName: s.contactLastName ?? null,
    contactEmail: s.contactEmail ?? null,
    contactPhone: s.contactPhone ?? null,
    preferredContact: s.preferredContact ?? null,
    availableForEvents: s.availableForEvents,
    employeeCount: s.employeeCount ?? null,
    isSponsor: s.isSponsor,
    createdAt: isoTime(s.createdAt),
    updatedAt: isoTime(s.updatedAt),
  };
}
