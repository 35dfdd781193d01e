import type { MikroORM } from '@mikro-orm/postgresql';

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
