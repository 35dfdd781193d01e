/** SQL text with `?` placeholders and their values, in order (MikroORM's `execute` binds them). */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** A piece of SQL that knows its own values, so pieces can be nested without counting placeholders. */
export class SqlFragment implements SqlStatement {
  constructor(readonly sql: string, readonly params: unknown[] = []) {}
}

/**
 * Builds a fragment: each interpolated value becomes a `?` placeholder bound to it, except
 * fragments (and `SqlStatement`s made by this module), which are spliced in with their own values.
 *
 * @example
 * const where = sql`j.province_code in (${['ON', 'QC']})`;
 * const query = sql`select j.id from jobs j where ${where} limit ${20}`; // "... in (?) limit ?", [['ON','QC'], 20]
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return new SqlFragment(text, params);
}

/** Trusted SQL text with no values (a column list, a keyword). Never pass user input here. */
export const rawSql = (text: string): SqlFragment => new SqlFragment(text);

/** Wraps a `{sql, params}` statement (e.g. `filterClause`'s) as a fragment to splice in. */
export const fragment = (s: SqlStatement): SqlFragment => new SqlFragment(s.sql, s.params);
