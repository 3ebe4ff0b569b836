import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { migrateDb, openDb, type DbHandle } from '../../src/db/client.ts';
import { parseDirectory } from '../../src/directory/parse.ts';
import { seedFakeFromDirectory } from '../../src/simulator/seed-directory.ts';
import { startFakeLark, type FakeLark } from '../../src/simulator/index.ts';
import { dubanEnv, spawnDuban, type DubanProcess } from '../../test/support/duban-process.ts';
import { BUSINESS_NOW, seedRound, SEED_FILES, SEED_KEYS, type SeededRound } from '../../test/support/seeded-round.ts';

// What every benchmark runs against: a scratch database on the shared Postgres holding the seed
// plan, directory and an open round; the fake Lark; a queue prefix of its own in the shared Redis.

export const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = 'redis://127.0.0.1:6379';

export async function adminQuery(query: string, url = ADMIN_URL): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(query);
  } finally {
    await c.end();
  }
}

export const dbUrl = (name: string) => ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);

/** Drops and creates a database on the shared Postgres. */
export async function scratchDatabase(name: string): Promise<string> {
  await adminQuery(`drop database if exists "${name}" with (force)`);
  await adminQuery(`create database "${name}"`);
  return dbUrl(name);
}

export interface BenchEnv {
  db: DbHandle;
  dbName: string;
  seeded: SeededRound;
  fake: FakeLark;
  prefix: string;
  /** Environment of a child `duban serve` / `duban worker` for this bench. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startBenchEnv(): Promise<BenchEnv> {
  const dbName = 'duban_bench_run';
  const url = await scratchDatabase(dbName);
  const db = await openDb({ databaseUrl: url, dataDir: '' });
  await migrateDb(db);
  const seeded = await seedRound(db.db);
  const fake = await startFakeLark({ appId: SEED_KEYS.appId, appSecret: SEED_KEYS.appSecret });
  seedFakeFromDirectory(fake, parseDirectory(readFileSync(SEED_FILES.directory, 'utf8')));
  const prefix = `dubanbench-${randomBytes(3).toString('hex')}`;
  const env = dubanEnv({
    DATABASE_URL: url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LARK_DOMAIN: fake.url,
    LARK_APP_ID: SEED_KEYS.appId,
    LARK_APP_SECRET: SEED_KEYS.appSecret,
    LARK_ENCRYPT_KEY: SEED_KEYS.encryptKey,
    LARK_VERIFICATION_TOKEN: SEED_KEYS.verificationToken,
    DUBAN_NOW: BUSINESS_NOW.toISOString(),
    LOG_LEVEL: 'error',
  });
  return {
    db,
    dbName,
    seeded,
    fake,
    prefix,
    env,
    async close() {
      await fake.stop();
      await db.close();
      await adminQuery(`drop database if exists "${dbName}" with (force)`);
    },
  };
}

/** Starts `duban serve` (or another command) and waits until it listens; returns its URL. */
export async function startDuban(env: Record<string, string>, args: string[] = ['serve'], nodeArgs: string[] = []): Promise<{ proc: DubanProcess; url: string | null }> {
  const proc = spawnDuban(args, env, nodeArgs);
  if (args[0] === 'worker') {
    await proc.waitForLine(/队列处理已启动/, 30_000);
    return { proc, url: null };
  }
  const line = await proc.waitForLine(/已启动：(http:\/\/\S+?)（/, 30_000);
  if (!args.includes('--no-workers')) await proc.waitForLine(/队列处理已启动/, 30_000);
  return { proc, url: /已启动：(http:\/\/\S+?)（/.exec(line)![1]! };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident set size of a process in bytes (Linux /proc), or null. */
export function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
