import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDb, openDb, type DbHandle } from '../../src/db/client.ts';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb extends DbHandle {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database on the real Postgres service, migrated; drop() removes it. One per test file. */
export async function createTestDb(label = 't'): Promise<TestDb> {
  const name = `duban_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDb({ databaseUrl: url, dataDir: '' , poolSize: 5 });
  await migrateDb(handle);
  return {
    ...handle,
    url,
    name,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}
