import type { Command } from '../command.js';
import { migrateCommand } from './migrate.js';
import { serveCommand, startCommand } from './serve.js';
import { workerCommand } from './worker.js';
import { crawlCommand } from './crawl.js';
import { pluginsCommand } from './plugins.js';
import { serveFixturesCommand } from './serve-fixtures.js';
import { createPluginCommand } from './create-plugin.js';
import { dedupeCommand } from './dedupe.js';

/** Every `pathfinder` sub-command, in the order `--help` lists them. */
export const commands: Command[] = [startCommand, serveCommand, workerCommand, migrateCommand, crawlCommand, pluginsCommand, serveFixturesCommand, createPluginCommand, dedupeCommand];
