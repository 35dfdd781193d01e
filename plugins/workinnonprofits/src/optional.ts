/**
 * `{ [key]: value }` when the value is present, `{}` when it is undefined or '' — for spreading
 * optional fields into a posting without writing `key: undefined` (the schema forbids it).
 *
 * @example
 * ```ts
 * const p = { title: 'Analyst', ...optional('city', maybeCity) };
 * ```
 */
export function optional<K extends string, V>(key: K, value: V | undefined | ''): { [P in K]?: V } {
  return value === undefined || value === '' ? {} : ({ [key]: value } as { [P in K]: V });
}
