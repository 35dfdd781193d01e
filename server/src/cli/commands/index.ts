import type { Command } from '../command.js';
import { migrateCommand } from './migrate.js';
import { serveCommand, startCommand } from './serve.js';

/** Every `pathfinder` sub-command, in the order `--help` lists them. */
export const commands: Command[] = [startCommand, serveCommand, migrateCommand];
