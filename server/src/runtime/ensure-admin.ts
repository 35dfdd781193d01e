import type { MikroORM } from '@mikro-orm/postgresql';
import { User, type PathfinderConfig } from '@pathfinder/core';
import { hashPassword } from '../auth/password.js';

/**
 * With PATHFINDER_ADMIN_EMAIL/_PASSWORD set, makes sure that admin exists with that password, so a
 * fresh install can be administered and a lost admin password can be reset by restarting.
 */
export async function ensureAdmin(orm: MikroORM, config: Pick<PathfinderConfig, 'adminEmail' | 'adminPassword'>): Promise<'created' | 'updated' | 'skipped'> {
  if (!config.adminEmail || !config.adminPassword) return 'skipped';
  const em = orm.em.fork();
  const email = config.adminEmail.trim().toLowerCase();
  const passwordHash = await hashPassword(config.adminPassword);
  const existing = await em.findOne(User, { email });
  if (existing) {
    existing.passwordHash = passwordHash;
    existing.role = 'admin';
    await em.flush();
    return 'updated';
  }
  em.create(User, { email, passwordHash, role: 'admin', consentGiven: false });
  await em.flush();
  return 'created';
}
