import type { EntityManager } from '@mikro-orm/postgresql';
import { Province } from '@pathfinder/core';
import { ApiError } from '../../http/api-error.js';

/**
 * Upper-cases province codes and checks them against the provinces table; 400 naming the unknown
 * ones. Returns the codes de-duplicated, in the order given.
 */
export async function checkProvinces(em: EntityManager, codes: readonly string[], field: string): Promise<string[]> {
  const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
  if (wanted.length === 0) return [];
  const known = new Set((await em.find(Province, { code: { $in: wanted } }, { fields: ['code'] })).map((p) => p.code));
  const unknown = wanted.filter((c) => !known.has(c));
  if (unknown.length > 0) throw ApiError.badRequest(`Unknown province code(s) in ${field}: ${unknown.join(', ')}. Use two-letter codes such as ON or QC.`, { field, unknown });
  return wanted;
}

/** `'^[A-Za-z]{2}$'`: the shape of a province code; the table decides if it exists. */
export const PROVINCE_PATTERN = '^[A-Za-z]{2}$';
