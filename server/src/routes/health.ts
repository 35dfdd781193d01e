import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { API_VERSION } from '../version.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  db: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  version: Type.String(),
});

/** `GET /health`: a real round-trip to Postgres; 503 when the database does not answer. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', {
    schema: { tags: ['meta'], summary: 'Liveness and database health', response: { 200: Health, 503: Health } },
  }, async (_request, reply) => {
    const db = await pingDatabase(app);
    return reply.status(db ? 200 : 503).send({ status: db ? 'ok' : 'degraded', db: db ? 'up' : 'down', version: API_VERSION });
  });
}

async function pingDatabase(app: FastifyInstance): Promise<boolean> {
  try {
    // Bounded: a dead server must not hold the health check for the driver's whole connect timeout.
    await Promise.race([
      app.ctx.orm.em.getConnection().execute('select 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
