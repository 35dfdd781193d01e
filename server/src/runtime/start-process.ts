import type { PathfinderConfig } from '@pathfinder/core';
import { buildApp } from '../app.js';
import { ensureAdmin } from './ensure-admin.js';
import { onShutdown, openRuntime } from './open-runtime.js';

/**
 * A long-running process: the API, the worker, or both. Order matters on the way down: stop taking
 * requests, then close the ORM, then stop the embedded Postgres this process started.
 */
export async function startProcess(config: PathfinderConfig, roles: { api: boolean; worker: boolean }): Promise<void> {
  const log = (line: string) => process.stderr.write(`[pathfinder] ${line}\n`);
  const runtime = await openRuntime(config, log);
  const closers: (() => Promise<void>)[] = [];
  try {
    const admin = await ensureAdmin(runtime.orm, config);
    if (admin !== 'skipped') log(`admin ${config.adminEmail} ${admin}`);
    if (roles.api) {
      const app = await buildApp({ config, orm: runtime.orm });
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
      log(`API ready: ${base}/health  ${base}/api/docs  ${base}/api/openapi.json`);
      closers.push(() => app.close());
    }
  } catch (error) {
    await runtime.close();
    throw error;
  }
  onShutdown(async (signal) => {
    log(`${signal}: shutting down`);
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await runtime.close();
  });
}
