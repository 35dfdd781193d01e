import { PathfinderApiError } from '../api';

/**
 * The API's validation errors, by field: `{ originalUrl: 'must match format "uri"' }`. The API names
 * the field in one of three ways, all read here: Fastify's `details: [{ path: '/field', message }]`,
 * the pipeline's `details.errors: ['field: problem']`, or a message of `field: problem` parts joined
 * by `; ` (after an optional `…": ` prefix), or `body/field must …`. Only names in `fields` count;
 * what names no known field is left for the form's general message.
 */
export function fieldErrorsOf(error: unknown, fields: readonly string[]): Record<string, string> {
  if (!(error instanceof PathfinderApiError)) return {};
  const out: Record<string, string> = {};
  const take = (name: string | undefined, message: string) => {
    const field = name?.replace(/^\/+/, '').split(/[./]/)[0];
    if (field && fields.includes(field) && !out[field]) out[field] = message;
  };
  const details = error.body?.details as unknown;
  if (Array.isArray(details)) {
    for (const d of details) if (d && typeof d === 'object' && 'path' in d) take(String(d.path), String((d as { message?: unknown }).message ?? error.message));
  }
  const listed = details && typeof details === 'object' && !Array.isArray(details) ? (details as { errors?: unknown; field?: unknown }) : undefined;
  const parts = Array.isArray(listed?.errors) ? listed.errors.map(String) : error.message.replace(/^[^"]*"[^"]*":\s*/, '').split(/;\s*/);
  for (const part of parts) {
    const named = /^\/?([\w./]+):\s*(.+)$/.exec(part) ?? /^body\/(\w+)\s+(.+)$/.exec(part);
    if (named) take(named[1], named[2]!);
  }
  if (typeof listed?.field === 'string') take(listed.field, error.message.replace(/^\w+:\s*/, ''));
  return out;
}
