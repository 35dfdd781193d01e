import type { FastifyInstance } from 'fastify';
import { createMailer, type Mailer } from '@pathfinder/core';
import type { AppContext } from '../../app-context.js';

declare module '../../app-context.js' {
  interface AppServices {
    /**
     * Outgoing mail for alerts, built at start (SMTP_URL, or `.eml` files in the outbox). Tests pass
     * one that talks to a local SMTP server; when absent, routes build one from the config.
     *
     * @example
     * buildApp({ config, orm, services: { mailer: createMailer({ ...config, smtpUrl: smtp.url }) } });
     */
    mailer?: Mailer;
  }
}

/** Mailers made by `mailerOf`, per app (its context object is shared by every plugin scope). */
const ownMailers = new WeakMap<AppContext, Mailer>();

/** The app's mailer, or one made from the config on first use (see `closeOwnMailer`). */
export function mailerOf(app: FastifyInstance): Mailer {
  const ctx = app.ctx;
  if (ctx.services.mailer) return ctx.services.mailer;
  let mailer = ownMailers.get(ctx);
  if (!mailer) {
    mailer = createMailer(ctx.config, { log: (line) => app.log.info(line) });
    ownMailers.set(ctx, mailer);
  }
  return mailer;
}

/** Closes, with the app, the mailer `mailerOf` made. Call once in a plugin, before `ready`. */
export function closeOwnMailer(app: FastifyInstance): void {
  app.addHook('onClose', async () => {
    await ownMailers.get(app.ctx)?.close();
    ownMailers.delete(app.ctx);
  });
}
