import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTogether } from '../../src/db/reads.ts';
import type { DbOrTx } from '../../src/db/client.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

// A transaction is one connection: reads inside it go one at a time (node-postgres warns about, and
// pg 9 refuses, a query sent while another runs on the same client); on the pool they overlap.
describe('reading together', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('reads');
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Three reads that log when they start and end; each takes 50 ms in Postgres. */
  const traced = (db: DbOrTx, log: string[]) =>
    [1, 2, 3].map((n) => async () => {
      log.push(`start ${n}`);
      const rows = await db.execute(sql`select pg_sleep(0.05), ${n}::int as n`);
      log.push(`end ${n}`);
      return Number((rows as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]?.n);
    }) as [() => Promise<number>, () => Promise<number>, () => Promise<number>];

  it('inside a transaction runs the reads one after another, results in order', async () => {
    const log: string[] = [];
    const result = await t.db.transaction((tx) => readTogether(tx, traced(tx, log)));
    expect(result).toEqual([1, 2, 3]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('on the pool runs them at once, results in order', async () => {
    const log: string[] = [];
    const result = await readTogether(t.db, traced(t.db, log));
    expect(result).toEqual([1, 2, 3]);
    expect(log.slice(0, 3)).toEqual(['start 1', 'start 2', 'start 3']);
  });
});
