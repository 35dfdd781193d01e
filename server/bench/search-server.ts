/**
 * The API process of `bench/search.ts`: the real app on the bench database, plus one trivial route
 * (`GET /api/v1/bench/ping`, no database) to compare against. Sends `{ port }` to its parent when
 * listening; `BENCH_SEARCH_CACHE=off` turns the search answer cache off.
 */
import { createOrm, loadConfig } from '@pathfinder/core';
import { buildApp } from '../src/app.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url || !process.send) throw new Error('bench/search-server.ts is started by bench/search.ts');

const orm = await createOrm(url);
// The per-client search limit is off: the bench is one client sending thousands of searches on purpose.
const config = loadConfig({
  PATHFINDER_DATA_DIR: process.env.BENCH_DATA_DIR ?? '/tmp/pf-bench-search', PUBLIC_URL: 'http://127.0.0.1:8000', LOG_LEVEL: 'silent', PATHFINDER_SEARCH_RATE_LIMIT: '0',
});
// BENCH_SEARCH_CACHE=off measures the search without its answer cache.
const app = await buildApp({ config, orm, logger: false, services: process.env.BENCH_SEARCH_CACHE === 'off' ? { searchCache: false } : {} });
app.get('/api/v1/bench/ping', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });

process.on('message', async (message) => {
  if (message === 'stop') {
    await app.close();
    await orm.close();
    process.exit(0);
  }
});
