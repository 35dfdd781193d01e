import type { Command } from '../command.js';
import { parseCommandArgs, parsePort } from '../parse-args.js';

const options = { port: { type: 'string' }, host: { type: 'string' } } as const;

export const startCommand: Command = {
  name: 'start',
  summary: 'Migrate, then run the API and the worker in one process',
  usage: `Usage: pathfinder start [--port N] [--host ADDRESS]

Migrates the database, then serves the API (PORT, default 8000) and runs the crawl
worker and schedules in the same process. Without DATABASE_URL, an embedded Postgres
is started in PATHFINDER_DATA_DIR/pg (default ./.pathfinder) and stopped on exit.`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, options);
    const { loadConfig } = await import('@pathfinder/core');
    const { startProcess } = await import('../../runtime/start-process.js');
    const config = loadConfig();
    await startProcess({ ...config, port: parsePort(values.port) ?? config.port, host: values.host ?? config.host }, { api: true, worker: true });
    return -1;
  },
};

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Migrate, then run the API only (scale-out: run workers apart)',
  usage: `Usage: pathfinder serve [--port N] [--host ADDRESS]

Like \`start\` without the worker: a stateless API process. Run any number of them
against one DATABASE_URL, with \`pathfinder worker\` processes beside them. With
DATABASE_READ_URL (a streaming replica of DATABASE_URL), searches and job pages read
the replica; writes and sign-in stay on DATABASE_URL.`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, options);
    const { loadConfig } = await import('@pathfinder/core');
    const { startProcess } = await import('../../runtime/start-process.js');
    const config = loadConfig();
    await startProcess({ ...config, port: parsePort(values.port) ?? config.port, host: values.host ?? config.host }, { api: true, worker: false });
    return -1;
  },
};
