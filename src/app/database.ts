import type { Config } from '../config/schema.ts';
import { migrateDb, openDb, type DbHandle } from '../db/client.ts';
import { DubanError } from '../errors.ts';

/**
 * The one way every entry point opens the database: open (Postgres from DATABASE_URL, else the
 * embedded PGlite in DATA_DIR), then migrate, so a fresh database works for every command.
 * With `existing`, only migrates that handle (its opener closes it).
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, existing?: DbHandle): Promise<DbHandle> {
  let handle: DbHandle | undefined;
  try {
    handle = existing ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
    await migrateDb(handle);
    return handle;
  } catch (e) {
    if (!existing) await handle?.close().catch(() => {}); // already failing: the original error is the one to report
    if (e instanceof DubanError) throw e;
    throw new DubanError('DB_UNAVAILABLE', `无法打开数据库：${(e as Error).message}。请检查 DATABASE_URL，或不设置它以使用内嵌 PGlite。`, { cause: e });
  }
}
