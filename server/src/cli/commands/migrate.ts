import type { Command } from '../command.js';
import { parseCommandArgs } from '../parse-args.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations and exit',
  usage: `Usage: pathfinder migrate

Applies the pending migrations to DATABASE_URL (or the embedded Postgres in
PATHFINDER_DATA_DIR/pg, started for the occasion) and exits. \`start\` and \`serve\`
also migrate, so this is for deployments that migrate as a separate step.`,
  async run(argv) {
    parseCommandArgs(argv, {});
    // Heavy modules load only when a command runs, so `--help` stays instant.
    const { loadConfig } = await import('@pathfinder/core');
    const { openRuntime } = await import('../../runtime/open-runtime.js');
    const runtime = await openRuntime(loadConfig(), (l) => process.stderr.write(`${l}\n`));
    process.stdout.write(runtime.applied.length ? `applied ${runtime.applied.length} migration(s)\n` : 'database is up to date\n');
    await runtime.close();
    return 0;
  },
};
