import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { NotificationListener, SEARCH_CHANGED_CHANNEL } from '../../src/db/notification-listener.js';

const db = useTestDatabase();
const listeners: NotificationListener[] = [];

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

/** A listener that records what it hears, and a way to wait for the next thing it hears. */
function recordingListener(retryDelayMs = 50) {
  const heard: string[] = [];
  let connects = 0;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const listener = new NotificationListener({
    databaseUrl: db.url,
    channels: [SEARCH_CHANGED_CHANNEL],
    onNotification: (channel, payload) => { heard.push(`${channel}:${payload}`); wake(); },
    onConnected: () => { connects++; wake(); },
    retryDelayMs,
  });
  listeners.push(listener);
  const next = (what: () => boolean) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; heard ${JSON.stringify(heard)}, ${connects} connects`)), 10_000);
    const check = () => (what() ? (clearTimeout(timer), resolve()) : waiters.push(check));
    check();
  });
  return { listener, heard, connects: () => connects, next };
}

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const SOURCE = `insert into data_sources (id, name, plugin_id, source_type, created_at, updated_at)
  values ('notify-src', 'Notify Source', 'notify-src', 'scraper', now(), now())`;

describe('NotificationListener and the search-changed triggers', () => {
  it('hears one notification per statement on jobs and data_sources, after commit', async () => {
    const { listener, heard, next } = recordingListener();
    await listener.start();
    expect(listener.listening).toBe(true);

    await sql(SOURCE);
    await next(() => heard.includes(`${SEARCH_CHANGED_CHANNEL}:data_sources`));

    heard.length = 0;
    // A rolled-back change is never announced; the committed one after it is.
    await sql(`begin; update data_sources set name = 'Rolled back' where id = 'notify-src'; rollback;`);
    // Bookkeeping no search shows (a crawl's last_scraped_at, the link checker's columns) is not announced.
    await sql(`update jobs set last_scraped_at = now(), link_checked_at = now() where false`);
    await sql(`update data_sources set consecutive_failures = 0 where id = 'notify-src'`);
    await sql(`update jobs set title = title where false`);
    await next(() => heard.length > 0);
    expect(heard).toEqual([`${SEARCH_CHANGED_CHANNEL}:jobs`]);
  });

  it('reconnects after its connection is killed, and says so (notifications may have been missed)', async () => {
    const { listener, heard, connects, next } = recordingListener();
    await listener.start();
    expect(connects()).toBe(1);
    await sql(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'pathfinder-listener' and datname = current_database()`);
    await next(() => connects() === 2);
    expect(listener.listening).toBe(true);
    await sql(`update data_sources set name = name where false`);
    await next(() => heard.includes(`${SEARCH_CHANGED_CHANNEL}:data_sources`));
  });

  it('keeps retrying a database that is not there, and stops when closed', async () => {
    const errors: Error[] = [];
    const url = new URL(db.url);
    url.pathname = '/pf_no_such_database';
    const listener = new NotificationListener({
      databaseUrl: url.toString(), channels: [SEARCH_CHANGED_CHANNEL], onNotification: () => undefined,
      onError: (e) => errors.push(e), retryDelayMs: 20,
    });
    listeners.push(listener);
    await listener.start();
    expect(listener.listening).toBe(false);
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(errors[0]!.message).toMatch(/pf_no_such_database/);
    await listener.close();
    const seen = errors.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(errors.length).toBe(seen);
  });
});
