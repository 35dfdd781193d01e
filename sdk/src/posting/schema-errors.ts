/** The subset of a TypeBox validation error we read. */
interface SchemaErrorLike {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** `/requiredSkills/0` -> `requiredSkills[0]`; `` -> `(root)`. */
export function instancePathToField(path: string): string {
  if (!path) return '(root)';
  return path
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

/**
 * Turns TypeBox errors into readable one-liners that start with the field path, e.g.
 * `jobType: must be one of coop, internship, new_grad`. Duplicates and schema noise
 * (the `schema is false` twin of every unknown property) are dropped.
 */
export function formatSchemaErrors(errors: Iterable<SchemaErrorLike>): string[] {
  const out: string[] = [];
  for (const e of errors) {
    // TypeBox reports an unknown property twice; the `additionalProperties` entry names it better.
    if (e.keyword === 'boolean') continue;
    const field = instancePathToField(e.instancePath);
    if (e.keyword === 'additionalProperties' && Array.isArray(e.params.additionalProperties)) {
      for (const name of e.params.additionalProperties as string[]) {
        const prefix = field === '(root)' ? '' : `${field}.`;
        out.push(`${prefix}${name}: unknown property`);
      }
      continue;
    }
    if (e.keyword === 'required' && Array.isArray(e.params.requiredProperties)) {
      const prefix = field === '(root)' ? '' : `${field}.`;
      for (const name of e.params.requiredProperties as string[]) out.push(`${prefix}${name}: is required`);
      continue;
    }
    if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
      out.push(`${field}: must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`);
      continue;
    }
    out.push(`${field}: ${e.message}`);
  }
  return [...new Set(out)];
}
