import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '@mikro-orm/core';
import { hasReadReplica } from '@pathfinder/core';
import { API_VERSION } from '../version.js';

const upDown = (options: { description?: string } = {}) => Type.Union([Type.Literal('up'), Type.Literal('down')], options);
const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  db: upDown(),
  replica: Type.Optional(upDown({ description: 'The read replica (DATABASE_READ_URL), when one is configured: searches and job pages are read there.' })),
  version: Type.String(),
});

/**
 * `GET /health`: a real round-trip to Postgres (and to the read replica, when there is one); 503 when
 * either does not answer, since without the replica searches fail.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', {
    schema: { tags: ['meta'], summary: 'Liveness and database health', response: { 200: Health, 503: Health } },
  }, async (_request, reply) => {
    const withReplica = hasReadReplica(app.ctx.orm);
    const [db, replica] = await Promise.all([
      ping(app.ctx.orm.em.getConnection('write')),
      withReplica ? ping(app.ctx.orm.em.getConnection('read')) : true,
    ]);
    const ok = db && replica;
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'degraded',
      db: db ? 'up' : 'down',
      ...(withReplica ? { replica: replica ? 'up' : 'down' } : {}),
      version: API_VERSION,
    });
  });
}

async function ping(connection: Connection): Promise<boolean> {
  try {
    // Bounded: a dead server must not hold the health check for the driver's whole connect timeout.
    await Promise.race([
      connection.execute('select 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
