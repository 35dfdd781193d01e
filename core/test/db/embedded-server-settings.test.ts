import { describe, expect, it } from 'vitest';
import { embeddedServerSettings } from '../../src/db/embedded/server-settings.js';
import { useTestDatabase } from '../../src/testing/index.js';

const db = useTestDatabase();
const GB = 1024 ** 3;

describe('the embedded server\'s settings', () => {
  it('give shared buffers an eighth of the memory, from 128 MB to 1 GB, and the OS cache half', () => {
    const of = (memory: number) => Object.fromEntries(embeddedServerSettings(memory).map((s) => s.split('=') as [string, string]));
    expect(of(0.5 * GB)).toMatchObject({ shared_buffers: '128MB', effective_cache_size: '256MB' });
    expect(of(4 * GB)).toMatchObject({ shared_buffers: '512MB', effective_cache_size: '2048MB' });
    expect(of(64 * GB)).toMatchObject({ shared_buffers: '1024MB', effective_cache_size: '32768MB', max_connections: '200', listen_addresses: '127.0.0.1' });
  });

  it('are the ones the test cluster runs with', async () => {
    const [row] = await db.orm.em.getConnection().execute<{ shared_buffers: string; max_connections: string }[]>(
      "select current_setting('shared_buffers') as shared_buffers, current_setting('max_connections') as max_connections");
    const expected = Object.fromEntries(embeddedServerSettings().map((s) => s.split('=') as [string, string]));
    // Postgres prints 1024MB as 1GB.
    expect(row!.shared_buffers.replace(/^(\d+)GB$/, (_, n: string) => `${Number(n) * 1024}MB`)).toBe(expected.shared_buffers);
    expect(row!.max_connections).toBe(expected.max_connections);
  });
});
