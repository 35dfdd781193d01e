import type { EntityManager } from '@mikro-orm/postgresql';
import { DataSource, type IDataSource, type IUser } from '@pathfinder/core';

const isUniqueViolation = (e: unknown) => (e as { constructor?: { name?: string } })?.constructor?.name === 'UniqueConstraintViolationException';

/**
 * The employer's own source (`sourceType: 'employer'`, `employerUser` = them), created on first
 * need when registration did not make one. Its name starts as the account's email (names are
 * unique; the employer renames it with PATCH /employers/me).
 *
 * @example
 * const source = await ensureEmployerSource(em, request.auth!.user);
 */
export async function ensureEmployerSource(em: EntityManager, user: Pick<IUser, 'id' | 'email'>): Promise<IDataSource> {
  const existing = await em.findOne(DataSource, { employerUser: user.id, sourceType: 'employer' }, { orderBy: { createdAt: 'asc' } });
  if (existing) return existing;
  const taken = await em.count(DataSource, { name: user.email });
  const source = em.create(DataSource, {
    name: taken ? `${user.email} (${user.id})` : user.email,
    sourceType: 'employer',
    employerUser: user.id,
    contactEmail: user.email,
    preferredContact: 'email',
    feedMethod: 'employer portal',
  });
  try {
    await em.flush();
    return source;
  } catch (e) {
    // Two first requests at once: the other one created it.
    if (!isUniqueViolation(e)) throw e;
    em.clear();
    return em.findOneOrFail(DataSource, { employerUser: user.id, sourceType: 'employer' });
  }
}

/** Where an admin's jobs go when they name no source: one shared `manual` source. */
export const MANUAL_SOURCE_NAME = 'Pathfinder (manual)';

export async function ensureManualSource(em: EntityManager): Promise<IDataSource> {
  const existing = await em.findOne(DataSource, { name: MANUAL_SOURCE_NAME });
  if (existing) return existing;
  const source = em.create(DataSource, { name: MANUAL_SOURCE_NAME, sourceType: 'manual', feedMethod: 'admin' });
  try {
    await em.flush();
    return source;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    em.clear();
    return em.findOneOrFail(DataSource, { name: MANUAL_SOURCE_NAME });
  }
}
