import { configWarnings, createMailer, DatabaseWatch, registerAlertJobs, type PathfinderConfig } from '@pathfinder/core';
import { secretKeyWarning } from '../auth/secret-key.js';
import type { AppServices } from '../app-context.js';
import { buildApp } from '../app.js';
import { ensureSiteBuilt } from '../site/build-site.js';
import { ensureAdmin } from './ensure-admin.js';
import { onShutdown, openRuntime } from './open-runtime.js';
import { lineLogger, startSchedulerRuntime } from './scheduler-runtime.js';
import { guardAgainstDatabaseLoss } from './database-loss-guard.js';
import { closeWithDeadline, SHUTDOWN_DEADLINE_MS } from './close-with-deadline.js';

/**
 * A long-running process: the API, the worker, or both. The scheduler runs in every one of them
 * (as a worker, or send-only beside an API without one). Order matters on the way down: stop taking
 * requests, then stop the scheduler (running crawls are aborted and retried later), then close the
 * ORM, then stop the embedded Postgres this process started.
 */
export async function startProcess(config: PathfinderConfig, roles: { api: boolean; worker: boolean }): Promise<void> {
  const log = (line: string) => process.stderr.write(`[pathfinder] ${line}\n`);
  // Settings that work but are unsafe beyond one machine: one line each, before anything starts.
  for (const warning of [...configWarnings(config), secretKeyWarning(config)]) if (warning) log(`warning: ${warning}`);
  const runtime = await openRuntime(config, log, { readReplica: roles.api });
  // From here on a lost database is waited out, never a crash (see database-loss-guard.ts).
  const databaseWatch = new DatabaseWatch(runtime.db.url, { log: lineLogger(log, config.logLevel) });
  const unguard = guardAgainstDatabaseLoss(databaseWatch, log);
  const closers: (() => Promise<void>)[] = [async () => {
    databaseWatch.stop();
    unguard();
  }];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await runtime.close();
  };
  try {
    const services: Partial<AppServices> = {};
    const mailer = createMailer(config, { log });
    closers.push(() => mailer.close());
    services.mailer = mailer;
    // Independent start-up steps run side by side (a start is mostly waiting: on Postgres, on the
    // argon2 hash of a new admin, on the site check); the API listens once all are done. The alert
    // templates are not compiled here: MJML's thread took the start's peak from ~180 to ~210 MB and a
    // core's worth of CPU while the API was starting, and Handlebars stayed loaded; the first alert,
    // preview or unsubscribe page compiles them (about a second, once per process).
    const [admin, engine] = await settleAll([
      ensureAdmin(runtime.orm, config),
      startSchedulerRuntime(runtime, config, roles.worker ? 'worker' : 'send-only', log, databaseWatch).then((engine) => {
        closers.push(() => engine.stop());
        return engine;
      }),
      // The site is built on install; rebuilt here when its sources changed since (or the install's build failed).
      roles.api
        ? ensureSiteBuilt({ log: (line) => log(`site: ${line}`) }).catch((error: Error) => log(`site: build failed (${error.message}); the API is served, the site shows a notice`))
        : undefined,
    ] as const);
    if (admin.outcome !== 'skipped') {
      log(`admin ${config.adminEmail} ${admin.outcome}${admin.mfaEnabled ? '' : ' (no MFA yet: after signing in, only MFA setup answers until it is on)'}`);
    }
    services.scheduler = engine.scheduler;
    services.pluginRegistry = engine.registry;
    if (roles.worker) await registerAlertJobs(engine.scheduler, { orm: runtime.orm, mailer, config, log });
    if (roles.api) {
      const app = await buildApp({ config, orm: runtime.orm, services });
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
      log(`ready: site ${base}/  API ${base}/api/docs  ${base}/api/openapi.json  health ${base}/health`);
      closers.push(() => closeWithDeadline(app, SHUTDOWN_DEADLINE_MS, log));
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  onShutdown(async (signal) => {
    log(`${signal}: shutting down`);
    await closeAll();
  });
}

/**
 * `Promise.all` that waits for every step even when one fails (so a step still starting is not
 * left running behind the shutdown), then throws the first failure.
 */
async function settleAll<T extends readonly unknown[]>(steps: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(steps);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
