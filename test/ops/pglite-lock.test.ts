import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { migrateDb, openDb } from '../../src/db/client.ts';
import { findActivePlan } from '../../src/db/repositories/plan.repository.ts';
import { waitFor } from '../support/fake-lark.ts';
import { spawnDuban, type DubanProcess } from '../support/duban-process.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

const prefix = testQueuePrefix('lock');

// One writer for ./data: while another process holds the embedded database, a command refuses
// with one line naming that process, and writes nothing.

let dir: string;
let holder: DubanProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'duban-lock-'));
});

afterAll(async () => {
  await holder?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  await cleanRedisPrefix(prefix);
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { config: parseConfig({ DATA_DIR: dir }), out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the embedded database has one writer', () => {
  it('a command run while another process holds ./data refuses in one line naming the pid, and stores nothing', async () => {
    holder = spawnDuban(['worker'], { DATA_DIR: dir, REDIS_URL: testRedisUrl, QUEUE_PREFIX: prefix, DUBAN_REDIS_VOLATILE_OK: '1', ROUND_CRON: '0 9 1 1 *' });
    // The lock is taken when the database opens, before its migrations (slow on a busy machine).
    await waitFor(() => existsSync(path.join(dir, 'duban.lock')), 60_000);
    expect(await readFile(path.join(dir, 'duban.lock'), 'utf8')).toContain('"command":"worker"');
    const lock = JSON.parse(await readFile(path.join(dir, 'duban.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(holder.pid);

    const r = await cli('import', 'samples/cnipa-2021.txt');
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toContain(`[DB_LOCKED]`);
    expect(r.err).toContain(`正被进程 ${holder.pid}`);
    expect(r.err).toContain('DATABASE_URL');
    expect(r.out).not.toContain('已新建计划');
  }, 180_000);

  it('once the holder is gone (even killed -9), the next command takes the lock over and works', async () => {
    await holder!.kill('SIGKILL');
    expect(existsSync(path.join(dir, 'duban.lock'))).toBe(true); // left behind by the killed holder
    const r = await cli('import', 'samples/cnipa-2021.txt');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'duban.lock'))).toBe(false); // released when the command closed it
    const h = await openDb({ dataDir: dir });
    try {
      await migrateDb(h);
      expect((await findActivePlan(h.db))?.title).toBeTruthy();
    } finally {
      await h.close();
    }
  }, 180_000);
});
