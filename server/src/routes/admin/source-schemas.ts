import { Type, type Static, type TSchema } from 'typebox';
import { SOURCE_TYPES, type IDataSource } from '@pathfinder/core';
import { DateTime, Nullable } from '../jobs/job-schemas.js';
import { isoTime } from '../jobs/job-dto.js';

/** A data source with every field, as admins see it. */
export const AdminSource = Type.Object({
  id: Type.String(),
  name: Type.String(),
  sourceType: Type.Enum(SOURCE_TYPES),
  baseUrl: Nullable(Type.String()),
  crawlDelaySeconds: Type.Integer(),
  disallowedPaths: Type.Array(Type.String()),
  contactFirstName: Nullable(Type.String()),
  contactLastName: Nullable(Type.String()),
  contactEmail: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  preferredContact: Nullable(Type.String()),
  availableForEvents: Type.Boolean(),
  isSponsor: Type.Boolean(),
  canworksHires: Type.Integer(),
  employeeCount: Nullable(Type.String()),
  updateProhibited: Type.Boolean(),
  feedMethod: Nullable(Type.String()),
  employerUserId: Nullable(Type.String()),
  specialNotes: Nullable(Type.String()),
  pluginId: Nullable(Type.String()),
  pluginVersion: Nullable(Type.String()),
  sdkRange: Nullable(Type.String()),
  enabled: Type.Boolean(),
  schedule: Nullable(Type.String({ description: 'The plugin manifest\'s cron.' })),
  scheduleOverride: Nullable(Type.String({ description: 'An admin\'s cron that replaces the manifest\'s.' })),
  consecutiveFailures: Type.Integer(),
  pausedAt: Nullable(DateTime()),
  pauseReason: Nullable(Type.String()),
  activeJobs: Type.Integer(),
  createdAt: DateTime(),
  updatedAt: DateTime(),
});
export type AdminSource = Static<typeof AdminSource>;

const str = (maxLength: number, extra: object = {}) => Type.String({ minLength: 1, maxLength, ...extra });

/** Fields an admin sets on any source; `null` clears. */
const editable = {
  contactFirstName: Nullable(str(100)),
  contactLastName: Nullable(str(100)),
  contactEmail: Nullable(Type.String({ format: 'email', maxLength: 320 })),
  contactPhone: Nullable(str(40)),
  preferredContact: Nullable(str(40)),
  availableForEvents: Type.Boolean(),
  isSponsor: Type.Boolean(),
  canworksHires: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  employeeCount: Nullable(str(40)),
  updateProhibited: Type.Boolean({ description: 'Crawls no longer overwrite this source\'s jobs.' }),
  specialNotes: Nullable(Type.String({ maxLength: 10_000 })),
  enabled: Type.Boolean(),
  employerUserId: Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'An employer account that owns this source.' })),
};

/** Fields that a plugin's manifest decides for its source (refused on plugin sources). */
const manual = {
  baseUrl: Nullable(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 })),
  crawlDelaySeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
  disallowedPaths: Type.Array(Type.String({ minLength: 1, maxLength: 500, pattern: '^/' }), { maxItems: 100 }),
  feedMethod: Nullable(str(40)),
};
export const MANIFEST_FIELDS = Object.keys(manual);

const optional = <T extends Record<string, TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> };

/** `POST /admin/sources`: a manual or employer source (plugin sources come from installed plugins). */
export const CreateSourceBody = Type.Object(
  {
    name: str(200),
    sourceType: Type.Optional(Type.Enum(['manual', 'employer'] as const, { default: 'manual' })),
    ...optional(editable),
    ...optional(manual),
  },
  { additionalProperties: false },
);
export type CreateSourceBody = Static<typeof CreateSourceBody>;

/** `PATCH /admin/sources/{id}`. On a plugin source the manifest's fields are refused (409). */
export const PatchSourceBody = Type.Object(
  {
    name: Type.Optional(str(200)),
    sourceType: Type.Optional(Type.Enum(['manual', 'employer'] as const)),
    scheduleOverride: Type.Optional(Nullable(Type.String({ minLength: 9, maxLength: 120, description: 'Plugin sources: a 5-field cron, or null for the manifest\'s.' }))),
    ...optional(editable),
    ...optional(manual),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchSourceBody = Static<typeof PatchSourceBody>;

export function toAdminSource(s: IDataSource, activeJobs: number): AdminSource {
  const ref = s.employerUser as unknown;
  const employerUserId = ref === null || ref === undefined ? null : typeof ref === 'string' ? ref : (ref as { id: string }).id;
  return {
    id: s.id,
    name: s.name,
    sourceType: s.sourceType,
    baseUrl: s.baseUrl ?? null,
    crawlDelaySeconds: s.crawlDelaySeconds,
    disallowedPaths: s.disallowedPaths ?? [],
    contactFirstName: s.contactFirstName ?? null,
    contactLastName: s.contactLastName ?? null,
    contactEmail: s.contactEmail ?? null,
    contactPhone: s.contactPhone ?? null,
    preferredContact: s.preferredContact ?? null,
    availableForEvents: s.availableForEvents,
    isSponsor: s.isSponsor,
    canworksHires: s.canworksHires,
    employeeCount: s.employeeCount ?? null,
    updateProhibited: s.updateProhibited,
    feedMethod: s.feedMethod ?? null,
    employerUserId,
    specialNotes: s.specialNotes ?? null,
    pluginId: s.pluginId ?? null,
    pluginVersion: s.pluginVersion ?? null,
    sdkRange: s.sdkRange ?? null,
    enabled: s.enabled,
    schedule: s.schedule ?? null,
    scheduleOverride: s.scheduleOverride ?? null,
    consecutiveFailures: s.consecutiveFailures,
    pausedAt: isoTime(s.pausedAt ?? null),
    pauseReason: s.pauseReason ?? null,
    activeJobs,
    createdAt: isoTime(s.createdAt),
    updatedAt: isoTime(s.updatedAt),
  };
}
