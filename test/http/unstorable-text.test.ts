import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { faultConfig, startWeb } from '../fault/harness.ts';
import { freshEventId, postSigned, seedRound, replyPayload, signed, writeCounts, type SeededRound } from '../support/seeded-round.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// Text Postgres cannot store is refused in the webhook, with a toast the reporter sees, instead
// of being acknowledged and then failing in the worker forever.

const prefix = testQueuePrefix('unstorable');
let db: TestDb;
let world: SeededRound;
let app: App | undefined;
const redis = createRedis(testRedisUrl, 'producer');
let queue: Queue;

beforeAll(async () => {
  db = await createTestDb('unstorable');
  world = await seedRound(db.db);
  app = await startWeb(faultConfig({ databaseUrl: db.url, redisUrl: testRedisUrl, prefix }));
  queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await queue?.close();
  redis.disconnect();
  await db?.drop();
  await cleanRedisPrefix(prefix);
});

/** A reply whose form fields are overridden (note_<id>, evidence_<id>). */
function replyWith(fields: { note?: string; evidence?: string }) {
  const t = world.targets[0]!;
  const p = replyPayload(t, { eventId: freshEventId('nul') });
  const event = p.event as { action: { form_value: Record<string, unknown> } };
  if (fields.note !== undefined) event.action.form_value[`note_${t.taskId}`] = fields.note;
  if (fields.evidence !== undefined) event.action.form_value[`evidence_${t.taskId}`] = fields.evidence;
  return p;
}

describe('a reply carrying text Postgres cannot store', () => {
  const cases: [string, { note?: string; evidence?: string }][] = [
    ['a note with U+0000', { note: '已完成\u0000部署' }],
    ['a note with a lone high surrogate', { note: '进展\uD83D' }],
    ['a note with a lone low surrogate', { note: '\uDE00进展' }],
    ['evidence with U+0000', { evidence: 'https://example.cn/a\u0000b' }],
  ];
  for (const [what, fields] of cases) {
    it(`gets an error toast for ${what}, and nothing is queued or stored`, async () => {
      const res = await postSigned(app!.url!, signed(replyWith(fields)));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ toast: { type: 'error', content: expect.stringContaining('无法保存的字符') } });
      expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
      expect(await writeCounts(db.db)).toEqual({ reports: 0, processed: 0, currentStatus: 0 });
    });
  }

  it('still acknowledges a note with emoji (surrogate pairs are whole characters)', async () => {
    const res = await postSigned(app!.url!, signed(replyWith({ note: '已完成 😀' })));
    expect(res.body).toMatchObject({ toast: { type: 'success' } });
    expect((await queue.getJobCounts('waiting')).waiting).toBe(1);
  });
});
