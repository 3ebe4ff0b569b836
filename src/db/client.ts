import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { listenPostgres, type ListenHandlers, type Unlisten } from './listen.ts';
import { lockDataDir } from './pglite-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** Either driver: node-postgres against DATABASE_URL, or embedded PGlite. Same schema, same queries. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** What a transaction callback receives; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Raw connectivity probe for /readyz. */
  ping(): Promise<void>;
  /**
   * Notifications on `channel` (Postgres LISTEN on a connection of its own; PGlite's in-process
   * listen). Returns the function that stops listening.
   */
  listen(channel: string, h: ListenHandlers): Promise<Unlisten>;
  /** PGlite only: the whole data directory as a gzipped tarball (`duban backup`). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface DbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** pg pool size; the default suits one web or worker process. */
  poolSize?: number;
}

export async function openDb(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client losing its connection (Postgres restart) must not crash the process.
    pool.on('error', () => {});
    // Nor a checked-out one (inside a transaction): pg-pool drops its listener on checkout, and an
    // 'error' event without one is thrown. The query in flight rejects anyway; the job retries.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = drizzle(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await pool.query('select 1');
      },
      listen: async (channel, h) => listenPostgres(pg.Client, opts.databaseUrl!, channel, h),
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = path.resolve(opts.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const release = lockDataDir(opts.dataDir);
  let client;
  try {
    client = await PGlite.create(dir);
  } catch (e) {
    release();
    throw e;
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    listen: async (channel, h) => {
      // One database in one process: the notifications of its own transactions are all there are.
      const stop = await client.listen(channel, h.onNotify);
      h.onConnected?.();
      return () => stop();
    },
    dumpDataDir: () => client.dumpDataDir('gzip'),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** Applies the committed drizzle-kit migrations; safe to run at every start. */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  }
}
