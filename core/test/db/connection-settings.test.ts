import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';

const db = useTestDatabase();

describe('pooled connections', () => {
  it('price random reads for SSDs and index entries as a GIN bitmap really costs, and scan from the table\'s start', async () => {
    // Several at once, so more than one pooled connection is opened and each is checked.
    const conn = db.orm.em.getConnection();
    const rows = await Promise.all(Array.from({ length: 4 }, () =>
      conn.execute<{ random_page_cost: string; cpu_index_tuple_cost: string; synchronize_seqscans: string; pid: number }[]>(
        `select current_setting('random_page_cost') as random_page_cost, current_setting('cpu_index_tuple_cost') as cpu_index_tuple_cost,
                current_setting('synchronize_seqscans') as synchronize_seqscans, pg_backend_pid() as pid, pg_sleep(0.05)`)));
    expect(new Set(rows.map(([r]) => r!.pid)).size).toBeGreaterThan(1);
    for (const [r] of rows) expect(r).toMatchObject({ random_page_cost: '1.1', cpu_index_tuple_cost: '0.05', synchronize_seqscans: 'off' });
  });
});
