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
    throw new DubanError('DB_UNAVAILABLE', describeDatabaseError(e, config.databaseUrl), { cause: e });
  }
}

/** The innermost cause: drizzle wraps the driver's error in 「Failed query: …」. */
function rootCause(e: unknown): Error & { code?: string } {
  let cur = e as Error & { code?: string; cause?: unknown };
  for (let i = 0; i < 10 && cur?.cause instanceof Error; i++) cur = cur.cause as typeof cur;
  return cur;
}

/** What went wrong opening the database, and how to fix it, in one line. */
export function describeDatabaseError(e: unknown, databaseUrl: string | undefined): string {
  const cause = rootCause(e);
  const code = cause?.code ?? (e as { code?: string })?.code;
  if (!databaseUrl) return `无法打开内嵌数据库（PGlite）：${cause?.message ?? String(e)}。请检查 DATA_DIR 目录可写，或删除损坏的数据目录后重试。`;
  let where = databaseUrl;
  let name = '';
  let user = '';
  try {
    const u = new URL(databaseUrl);
    where = `${u.hostname}:${u.port || 5432}`;
    name = decodeURIComponent(u.pathname.replace(/^\//, ''));
    user = decodeURIComponent(u.username);
  } catch {
    /* an unparsable URL is described by the driver's message below */
  }
  const fallback = '（或不设置 DATABASE_URL，使用 ./data 下的内嵌 PGlite）';
  switch (code) {
    case 'ECONNREFUSED':
      return `无法连接 Postgres：${where} 拒绝连接。请确认 Postgres 已启动、DATABASE_URL 的主机和端口正确${fallback}。`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `无法连接 Postgres：找不到主机 ${where}。请检查 DATABASE_URL 的主机名${fallback}。`;
    case 'ETIMEDOUT':
      return `无法连接 Postgres：连接 ${where} 超时。请检查网络与防火墙，以及 DATABASE_URL${fallback}。`;
    case '3D000':
      return `Postgres（${where}）上没有数据库「${name}」。请先创建它，例如 createdb -h ${where.split(':')[0]} -p ${where.split(':')[1]}${user ? ` -U ${user}` : ''} ${name}，然后重试；duban 启动时会自动建表。`;
    case '28P01':
    case '28000':
      return `Postgres（${where}）拒绝了用户「${user}」的登录：${cause.message}。请检查 DATABASE_URL 中的用户名和密码。`;
    case '42501':
      return `Postgres 用户「${user}」没有在数据库「${name}」中建表的权限：${cause.message}。请授予权限（例如 GRANT CREATE ON DATABASE ${name} TO ${user}），或换用有权限的用户。`;
    default:
      return `无法打开数据库（${where}）：${cause?.message ?? String(e)}。请检查 DATABASE_URL${fallback}。`;
  }
}
