import { Value } from 'typebox/value';
import { ConfigError } from '../errors.js';
import { formatSchemaErrors } from '../posting/schema-errors.js';
import type { SourceDefinition } from './types.js';

/**
 * Applies the `configSchema` defaults to `raw` (never mutating it) and validates the result.
 * Throws {@link ConfigError} (`PF_ERR_CONFIG_INVALID`) naming the field.
 * Without a `configSchema`, returns `raw` (or `{}`).
 *
 * @example
 * ```ts
 * const config = resolveConfig(def, { seniorities: ['internship'] }); // other fields get their defaults
 * ```
 */
export function resolveConfig<C extends object>(def: SourceDefinition<C>, raw: unknown): C {
  const input = raw === undefined || raw === null ? {} : raw;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError(`Invalid config for source "${def.id}": (root): must be an object`, {
      errors: ['(root): must be an object'],
    });
  }
  if (!def.configSchema) return structuredClone(input) as C;
  const value = Value.Default(def.configSchema, structuredClone(input));
  if (Value.Check(def.configSchema, value)) return value as C;
  const errors = formatSchemaErrors(Value.Errors(def.configSchema, value));
  throw new ConfigError(`Invalid config for source "${def.id}": ${errors.join('; ')}`, { errors });
}
