import { Value } from 'typebox/value';
import { ConfigError } from '../errors.js';
import { formatSchemaErrors } from '../posting/schema-errors.js';
import type { SourceDefinition } from './types.js';

/** Deeper than this a config is refused: settings nest a few levels, and defaults are applied recursively. */
const MAX_CONFIG_DEPTH = 32;

/** True when `root` nests deeper than `limit` levels. Iterative: the check itself cannot overflow the stack. */
function nestsDeeperThan(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return true;
    for (const v of Object.values(value)) stack.push([v, depth + 1]);
  }
  return false;
}

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
  // Checked before any recursive work (cloning, defaults, validation): 2,000 levels overflowed the stack.
  if (nestsDeeperThan(input, MAX_CONFIG_DEPTH)) {
    const error = `(root): must not nest deeper than ${MAX_CONFIG_DEPTH} levels`;
    throw new ConfigError(`Invalid config for source "${def.id}": ${error}`, { errors: [error] });
  }
  if (!def.configSchema) return structuredClone(input) as C;
  const value = Value.Default(def.configSchema, structuredClone(input));
  if (Value.Check(def.configSchema, value)) return value as C;
  const errors = formatSchemaErrors(Value.Errors(def.configSchema, value));
  throw new ConfigError(`Invalid config for source "${def.id}": ${errors.join('; ')}`, { errors });
}
