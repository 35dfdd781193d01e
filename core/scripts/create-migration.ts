/**
 * Generates a migration from the difference between the entities and the last snapshot, then
 * rewrites `src/db/migrations/index.ts` to import every migration in name order.
 * Usage: npm run db:migration -w core [-- --initial]
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createOrm, MIGRATIONS_DIR } from '../src/db/orm.js';
import { openDatabase } from '../src/db/database.js';
import { loadMigrator } from '../src/db/migrate.js';
import { loadConfig } from '../src/config/load-config.js';

const initial = process.argv.includes('--initial');
const db = await openDatabase(loadConfig(), { migrate: false, databaseName: `pathfinder_migration_${Date.now()}` });
const orm = await createOrm(db.url);
try {
  // Bring the scratch database to the current state first, so the diff is only what is new.
  const migrator = await loadMigrator(orm);
  await migrator.up();
  const result = await migrator.createMigration(MIGRATIONS_DIR, false, initial);
  console.log(result.fileName ? `created ${result.fileName}` : 'no changes');
} finally {
  await orm.close();
  await db.dropAndClose();
}

const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^Migration\d+.*\.ts$/.test(f)).sort();
const lines = files.map((f, i) => `import { ${path.basename(f, '.ts')} as M${i} } from './${path.basename(f, '.ts')}.js';`);
const list = files.map((f, i) => `  { name: '${path.basename(f, '.ts')}', class: M${i} },`);
await fs.writeFile(
  path.join(MIGRATIONS_DIR, 'index.ts'),
  `import type { MigrationObject } from '@mikro-orm/core';\n${lines.join('\n')}\n\n/** Every migration in order; \`npm run db:migration -w core\` adds new ones here. */\nexport const migrationsList: MigrationObject[] = [\n${list.join('\n')}\n];\n`,
);
