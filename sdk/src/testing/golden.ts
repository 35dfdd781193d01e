import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Replaces every occurrence of each `from` with its `to` in every string of a JSON value. */
export function replaceInStrings<T>(value: T, pairs: [from: string, to: string][]): T {
  if (pairs.length === 0) return value;
  const fix = (v: unknown): unknown => {
    if (typeof v === 'string') return pairs.reduce((s, [a, b]) => s.split(a).join(b), v);
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fix(x)]));
    return v;
  };
  return fix(value) as T;
}

/** Stable pretty JSON (undefined members dropped, as JSON does). */
export function toGoldenJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Compares `actual` with the golden file, writing it when missing or when `update` is set.
 * Returns a description of the first difference, or undefined when equal.
 */
export async function checkGolden(path: string, actual: unknown, update: boolean): Promise<string | undefined> {
  const text = toGoldenJson(actual);
  const existing = update ? undefined : await readFile(path, 'utf8').catch(() => undefined);
  if (existing === undefined) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    return undefined;
  }
  if (existing === text) return undefined;
  return describeDifference(JSON.parse(existing) as unknown, JSON.parse(text) as unknown);
}

/** A one-line account of where two JSON values first differ. */
export function describeDifference(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return undefined;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const d = describeDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of [...keys].sort()) {
      const d = describeDifference((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  const show = (v: unknown): string => (v === undefined ? '(absent)' : truncate(JSON.stringify(v)));
  return `${path || '(root)'}: expected ${show(expected)}, got ${show(actual)}`;
}

function truncate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
