import type { AdminMessageKey } from '../../messages-admin';

/** One setting of a plugin's `configSchema` (a JSON Schema object), as the form draws it. */
export interface SettingSpec {
  name: string;
  kind: 'boolean' | 'integer' | 'number' | 'string' | 'enum';
  description?: string;
  default?: unknown;
  required: boolean;
  options?: (string | number)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The enum values of `enum: [...]` or of `anyOf: [{ const }, ...]` (TypeBox's union of literals). */
function enumOf(schema: Json): (string | number)[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum as (string | number)[];
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union) && union.length && union.every((s) => isObject(s) && 'const' in s)) return union.map((s) => (s as Json).const as string | number);
  return undefined;
}

/** The settings of a `configSchema`, in its order; a property of a type the form cannot draw is left out. */
export function settingsOf(configSchema: unknown): SettingSpec[] {
  if (!isObject(configSchema) || !isObject(configSchema.properties)) return [];
  const required = new Set(Array.isArray(configSchema.required) ? (configSchema.required as string[]) : []);
  const specs: SettingSpec[] = [];
  for (const [name, raw] of Object.entries(configSchema.properties)) {
    if (!isObject(raw) || name === 'baseUrl') continue;
    const options = enumOf(raw);
    const kind = options ? 'enum' : raw.type;
    if (kind !== 'enum' && kind !== 'boolean' && kind !== 'integer' && kind !== 'number' && kind !== 'string') continue;
    specs.push({
      name, kind, options, required: required.has(name) && raw.default === undefined,
      description: typeof raw.description === 'string' ? raw.description : undefined,
      default: raw.default,
      minimum: raw.minimum as number | undefined, maximum: raw.maximum as number | undefined,
      minLength: raw.minLength as number | undefined, maxLength: raw.maxLength as number | undefined,
      pattern: raw.pattern as string | undefined,
    });
  }
  return specs;
}

export type Problem = [AdminMessageKey, Record<string, string | number>?];

/**
 * Checks what the admin typed against the same schema the API checks (type, bounds, lengths,
 * pattern, enum): the browser says what is wrong at the field before anything is sent. Returns the
 * value to send (undefined: leave it unset so the default applies) or the problem.
 */
export function checkSetting(spec: SettingSpec, input: string | boolean): { value?: unknown; problem?: Problem } {
  if (spec.kind === 'boolean') return { value: input === true };
  const text = String(input).trim();
  if (text === '') return spec.required ? { problem: ['invalid.required'] } : {};
  if (spec.kind === 'integer' || spec.kind === 'number') {
    const n = Number(text);
    if (!Number.isFinite(n)) return { problem: ['invalid.number'] };
    if (spec.kind === 'integer' && !Number.isInteger(n)) return { problem: ['invalid.integer'] };
    if (spec.minimum !== undefined && n < spec.minimum) return { problem: ['invalid.min', { limit: spec.minimum }] };
    if (spec.maximum !== undefined && n > spec.maximum) return { problem: ['invalid.max', { limit: spec.maximum }] };
    return { value: n };
  }
  if (spec.kind === 'enum') {
    const option = spec.options!.find((o) => String(o) === text);
    return option === undefined ? { problem: ['invalid.enum'] } : { value: option };
  }
  if (spec.minLength !== undefined && text.length < spec.minLength) return { problem: ['invalid.minLength', { limit: spec.minLength }] };
  if (spec.maxLength !== undefined && text.length > spec.maxLength) return { problem: ['invalid.maxLength', { limit: spec.maxLength }] };
  if (spec.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(text)) return { problem: ['invalid.pattern', { pattern: spec.pattern }] };
  return { value: text };
}

/** A base URL override: empty (the plugin's own) or an http(s) URL. */
export function checkBaseUrl(input: string): { value?: string; problem?: Problem } {
  const text = input.trim();
  if (!text) return {};
  try {
    if (/^https?:$/.test(new URL(text).protocol)) return { value: text };
  } catch {
    // not a URL at all
  }
  return { problem: ['invalid.url'] };
}
