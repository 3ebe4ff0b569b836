import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { BAD_KINDS, type BadRequest } from './bad-requests.ts';
import { faultConfig, sendReplies, startWebAndWorkers, teardown, TEARDOWN_MS } from './harness.ts';
import { seedRound, storedOnce, until, writeCounts, type SeededRound } from '../support/seeded-round.ts';

// 1,000 malformed, forged, oversized or not-allowed requests: every one refused, nothing
// queued or written, and the server keeps serving the valid reply that follows.

const prefix = testQueuePrefix('faultbad');
const TOTAL = 1000;
let db: TestDb;
let seeded: SeededRound;
let app: App | undefined;
const redis = createRedis(testRedisUrl, 'producer');
let queue: Queue;

beforeAll(async () => {
  db = await createTestDb('faultbad');
  seeded = await seedRound(db.db);
  app = await startWebAndWorkers(faultConfig({ databaseUrl: db.url, redisUrl: testRedisUrl, prefix }));
  queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
});

afterAll(() => teardown([() => app?.close(), () => queue?.close(), () => redis.disconnect(), () => db?.drop(), () => cleanRedisPrefix(prefix)]), TEARDOWN_MS);

async function send(r: BadRequest): Promise<{ status: number; body: string }> {
  const res = await fetch(`${app!.url}/lark/events`, { method: r.method ?? 'POST', headers: r.headers, body: r.method === 'GET' ? undefined : r.body });
  return { status: res.status, body: await res.text() };
}

describe('1,000 malformed, forged or oversized requests', () => {
  it('are all refused, nothing is queued or written, and the server keeps serving', async () => {
    const t = seeded.targets[0]!;
    const own = new Set(seeded.targets.filter((x) => x.departmentId === t.departmentId).map((x) => x.taskId));
    const other = seeded.targets.find((x) => !own.has(x.taskId))!;
    const requests = Array.from({ length: TOTAL }, (_, i) => BAD_KINDS[i % BAD_KINDS.length]!(t, other, i));

    const wrong: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const res = await send(r);
        const ok =
          r.expect === 'error-toast'
            ? res.status === 200 && (JSON.parse(res.body) as { toast?: { type?: string } }).toast?.type === 'error'
            : res.status === r.expect;
        if (!ok) wrong.push(`${r.kind}: expected ${r.expect}, got ${res.status} ${res.body.slice(0, 120)}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    expect([...new Set(wrong)]).toEqual([]);

    expect(await writeCounts(db.db)).toEqual({ reports: 0, processed: 0, currentStatus: 0 });
    expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });

    // Still serving: health, and a valid reply acknowledged and stored.
    expect((await fetch(`${app!.url}/healthz`)).status).toBe(200);
    const ok = await sendReplies(app!.url!, seeded, 1, 'after-bad', 1);
    expect(ok.refused).toEqual([]);
    await until('the valid reply to be stored', () => storedOnce(db.db, ok.acked), (s) => s.stored === 1, 15_000);
    expect(await writeCounts(db.db)).toEqual({ reports: 1, processed: 1, currentStatus: 1 });
  }, 120_000);
});
