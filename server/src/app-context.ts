import type { MikroORM } from '@mikro-orm/postgresql';
import type { PathfinderConfig } from '@pathfinder/core';

/**
 * What routes reach through `app.ctx`: the configuration, the ORM, and the services later parts
 * of the app register (each optional service is added by the module that owns it).
 */
export interface AppContext {
  config: PathfinderConfig;
  orm: MikroORM;
  /** Services keyed by name, registered at start (engine, scheduler, mailer…). */
  services: AppServices;
}

/** Extended by the modules that register a service (declaration merging). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppServices {}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
