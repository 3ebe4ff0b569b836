import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { spawnDuban, type DubanProcess } from '../support/duban-process.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { acknowledged, freshEventId, postSigned, replyPayload, rows, seedRound, SEED_FILES, signed, until, type ReplyTarget, type SeededRound } from '../support/seeded-round.ts';
import { childEnv, faultConfig, startWeb, teardown, TEARDOWN_MS, type Services } from '../fault/harness.ts';

// A reporter removed from the directory while their replies wait in the queue, every part in its
// own process: the webhook (in memory, told by NOTIFY), `duban directory` (the removal) and
// `duban worker` (the store). Nothing of theirs is stored after the removal: the webhook refuses
// them from then on, and the worker moves the queued ones to the dead letters with the reason.

const REMOVED = 'ou_yycjs_0001';
const KEPT = 'ou_yycjs_0002';
const prefix = testQueuePrefix('revoked');
let db: TestDb;
let seeded: SeededRound;
let services: Services;
let web: App | undefined;
let worker: DubanProcess | undefined;
const redis = createRedis(testRedisUrl, 'producer');
let queue: Queue;
const dir = mkdtempSync(path.join(tmpdir(), 'duban-revoked-'));

beforeAll(async () => {
  db = await createTestDb('revoked');
  seeded = await seedRound(db.db);
  services = { databaseUrl: db.url, redisUrl: testRedisUrl, prefix };
  web = await startWeb(faultConfig(services));
  queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
});

afterAll(
  () =>
    teardown([
      () => worker?.kill('SIGTERM'),
      () => web?.close(),
      () => queue?.close(),
      () => redis.disconnect(),
      () => db?.drop(),
      () => cleanRedisPrefix(prefix),
      () => rmSync(dir, { recursive: true, force: true }),
    ]),
  TEARDOWN_MS,
);

const reply = async (target: ReplyTarget, operator: string) => {
  const eventId = freshEventId('rv');
  const res = await postSigned(web!.url!, signed(replyPayload(target, { eventId, operatorOpenId: operator })));
  return { eventId, res };
};

describe('a reporter removed from the directory while their replies are queued', () => {
  it('has nothing stored after the removal: the webhook refuses them once told, the worker dead-letters the queued ones', async () => {
    const theirs = seeded.targets.filter((t) => t.reporterOpenId === REMOVED);
    expect(theirs.length).toBeGreaterThan(2);

    // Accepted and queued while no worker runs.
    const queued = [];
    for (const t of theirs) queued.push(await reply(t, REMOVED));
    const colleague = await reply(theirs[0]!, KEPT);
    expect([...queued, colleague].every((q) => acknowledged(q.res))).toBe(true);

    // Another process removes them (the directory file without their line), on its own connection.
    const file = path.join(dir, 'directory.yaml');
    writeFileSync(file, readFileSync(SEED_FILES.directory, 'utf8').split('\n').filter((l) => !l.includes(REMOVED)).join('\n'));
    const directory = spawnDuban(['directory', file], childEnv(services));
    const code = await directory.exited;
    expect(code).toBe(0);

    // The webhook hears of it by NOTIFY (its periodic check runs only every 30 s): it refuses them,
    // queueing nothing. Until it has heard, an accepted reply is queued, and must be dead-lettered too.
    const late: string[] = [];
    const refused = await until(
      'the webhook to refuse the removed reporter',
      async () => {
        const r = await reply(theirs[1]!, REMOVED);
        if (acknowledged(r.res)) late.push(r.eventId);
        return r.res;
      },
      (res) => !acknowledged(res),
      10_000,
      20,
    );
    expect(refused).toMatchObject({ status: 200, body: { toast: { type: 'error', content: expect.stringContaining('您不是「运用促进司」的填报人') } } });
    const waiting = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');

    // Another refused one changes the queue by nothing.
    expect(acknowledged((await reply(theirs[2]!, REMOVED)).res)).toBe(false);
    expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).toEqual(waiting);

    // The worker, a process of its own, stores the colleague's reply and none of theirs.
    worker = spawnDuban(['worker'], childEnv(services));
    const expected = queued.length + late.length;
    await until('the worker to handle every queued reply', () => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'), (c) => Object.values(c).every((n) => n === 0), 60_000, 100);
    const stored = await rows<{ reporter: string; n: number }>(db.db, sql`select reporter_open_id as reporter, count(*)::int as n from reports group by 1`);
    expect(stored).toEqual([{ reporter: KEPT, n: 1 }]);
    const dead = await rows<{ event_id: string; error_code: string; error_message: string }>(db.db, sql`select event_id, error_code, error_message from inbound_dead_letters order by id`);
    expect(dead.map((d) => d.event_id).sort()).toEqual([...queued.map((q) => q.eventId), ...late].sort());
    expect(dead).toHaveLength(expected);
    for (const d of dead) {
      expect(d.error_code).toBe('NOT_REPORTER');
      expect(d.error_message).toContain('入库前复核未通过');
    }
  }, 120_000);
});
