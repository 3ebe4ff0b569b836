import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../support/db.ts';

describe('migrations on the real Postgres', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('migrations');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('creates every table of the domain', async () => {
    const result = await t.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = (result as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
    expect(names).toEqual(
      expect.arrayContaining([
        'plans', 'sections', 'tasks', 'measures', 'departments', 'department_aliases', 'assignments',
        'indicators', 'rounds', 'reports', 'current_status', 'processed_events', 'chats', 'reporters',
        'digests', 'people', 'admins', 'sent_messages', 'indicator_values',
      ]),
    );
  });
});
