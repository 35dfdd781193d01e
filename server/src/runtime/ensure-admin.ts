import type { MikroORM } from '@mikro-orm/postgresql';
import { User, type PathfinderConfig } from '@pathfinder/core';
import { hashPassword } from '../auth/password.js';

export interface EnsureAdminResult {
  outcome: 'created' | 'updated' | 'skipped';
  /** False: the admin's first sign-in answers `mfaSetupRequired: true` and only MFA setup is open. */
  mfaEnabled: boolean;
}

/**
 * With PATHFINDER_ADMIN_EMAIL/_PASSWORD set, makes sure that admin exists with that password, so a
 * fresh install can be administered and a lost admin password can be reset by restarting. A new
 * admin has no MFA: signing in leads it to MFA setup (nothing else answers until MFA is on).
 */
export async function ensureAdmin(orm: MikroORM, config: Pick<PathfinderConfig, 'adminEmail' | 'adminPassword'>): Promise<EnsureAdminResult> {
  if (!config.adminEmail || !config.adminPassword) return { outcome: 'skipped', mfaEnabled: false };
  const em = orm.em.fork();
  const email = config.adminEmail.trim().toLowerCase();
  const passwordHash = await hashPassword(config.adminPassword);
  const existing = await em.findOne(User, { email });
  if (existing) {
    existing.passwordHash = passwordHash;
    existing.role = 'admin';
    await em.flush();
    return { outcome: 'updated', mfaEnabled: existing.mfaEnabled };
  }
  em.create(User, { email, passwordHash, role: 'admin', consentGiven: false, mfaEnabled: false });
  await em.flush();
  return { outcome: 'created', mfaEnabled: false };
}
