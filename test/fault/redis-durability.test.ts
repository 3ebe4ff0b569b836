import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { spawnDuban, type DubanProcess } from '../support/duban-process.ts';
import { startRedisInstance, type RedisInstance } from '../support/redis-instance.ts';
import { testQueuePrefix } from '../support/redis.ts';
import { childEnv, sendReplies, teardown, TEARDOWN_MS, type Services } from './harness.ts';
import { seedRound, storedOnce, until, writeCounts, type SeededRound } from '../support/seeded-round.ts';

// Redis durability: `serve` and `worker` refuse a Redis that can lose acknowledged replies, and
// on a Redis with appendonly yes + appendfsync always, acknowledged replies survive a SIGKILL of
// Redis itself. All on Redis instances of the test's own; no opt-out in these processes.

let db: TestDb;
let world: SeededRound;
const redises: RedisInstance[] = [];
const procs: DubanProcess[] = [];
const strict = { DUBAN_REDIS_VOLATILE_OK: '' };

beforeAll(async () => {
  db = await createTestDb('faultaof');
  world = await seedRound(db.db);
});

afterAll(
  () =>
    teardown([
      () => Promise.all(procs.map((p) => p.kill('SIGKILL'))),
      () => Promise.all(redises.map((r) => r.destroy())),
      () => db?.drop(),
    ]),
  TEARDOWN_MS,
);

const services = (r: RedisInstance): Services => ({ databaseUrl: db.url, redisUrl: r.url, prefix: testQueuePrefix('faultaof') });
const spawn = (args: string[], s: Services, over: Record<string, string> = {}) => {
  const p = spawnDuban(args, childEnv(s, { ...strict, ...over }));
  procs.push(p);
  return p;
};

describe('Redis durability checked at start', () => {
  it('`serve` and `worker` against a Redis without AOF exit non-zero within seconds, naming appendonly', async () => {
    const r = await startRedisInstance();
    redises.push(r);
    for (const args of [['serve'], ['worker']]) {
      const started = Date.now();
      const p = spawn(args, services(r));
      const code = await p.exited;
      expect(code, `duban ${args[0]} must fail`).not.toBe(0);
      expect(Date.now() - started).toBeLessThan(20_000);
      const said = p.lines.join('\n');
      expect(said).toMatch(/appendonly/);
      expect(said).toMatch(/DUBAN_REDIS_VOLATILE_OK=1/);
      expect(p.lines.filter((l) => /appendonly/.test(l)), 'one line').toHaveLength(1);
    }
    expect(await writeCounts(db.db)).toEqual({ reports: 0, processed: 0, currentStatus: 0 });
  }, 60_000);

  it('`serve` against a Redis with an evicting maxmemory-policy refuses, naming maxmemory-policy', async () => {
    const r = await startRedisInstance({ appendfsync: 'everysec', maxmemoryPolicy: 'allkeys-lru' });
    redises.push(r);
    const p = spawn(['serve'], services(r));
    expect(await p.exited).not.toBe(0);
    expect(p.lines.join('\n')).toMatch(/maxmemory-policy 为 allkeys-lru/);
  }, 60_000);

  it('with the opt-out, `serve` starts on a Redis without AOF and /readyz says volatile', async () => {
    const r = await startRedisInstance();
    redises.push(r);
    const p = spawn(['serve', '--no-workers'], services(r), { DUBAN_REDIS_VOLATILE_OK: '1' });
    const line = await p.waitForLine(/已启动：http/, 30_000);
    const base = /已启动：(http:\/\/[^（\s]+)/.exec(line)![1]!;
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready', redisPersistence: 'volatile' });
    await p.kill('SIGTERM');
  }, 60_000);
});

describe('Redis with appendonly yes and appendfsync always, killed with SIGKILL', () => {
  it('keeps all 500 acknowledged replies: after the restart each is stored exactly once', async () => {
    const r = await startRedisInstance({ appendfsync: 'always' });
    redises.push(r);
    const s = services(r);
    const web = spawn(['serve', '--no-workers'], s);
    const line = await web.waitForLine(/已启动：http/, 30_000);
    const base = /已启动：(http:\/\/[^（\s]+)/.exec(line)![1]!;
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready', redisPersistence: 'aof-always' });

    const sent = await sendReplies(base, world, 500, 'aof');
    expect(sent.refused).toEqual([]);
    await r.stop(); // SIGKILL right after the last acknowledgement
    expect((await storedOnce(db.db, sent.acked)).stored, 'nothing stored before the worker runs').toBe(0);
    await r.start();

    const worker = spawn(['worker'], s);
    await worker.waitForLine(/队列处理已启动/, 30_000);
    const end = await until('every acknowledged reply to be stored', () => storedOnce(db.db, sent.acked), (x) => x.stored === 500, 60_000, 100);
    expect(end).toEqual({ stored: 500, duplicates: 0 });
    expect((await writeCounts(db.db)).reports).toBe(500);
  }, 150_000);
});
