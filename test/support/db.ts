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

/**
 * An embedded PGlite database in a temporary folder (the demo's mode). `url` is the data dir. The
 * app opens the same folder itself, so this handle is closed first: PGlite allows one opener.
 */
export async function createPgliteTestDb(): Promise<TestDb> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = await mkdtemp(path.join(tmpdir(), 'duban-pglite-'));
  const handle = await openDb({ dataDir: dir });
  await migrateDb(handle);
  return {
    ...handle,
    url: dir,
    name: dir,
    drop: async () => {
      await handle.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
