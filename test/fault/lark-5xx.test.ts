import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.ts';
import { startFakeLark, type FakeLark } from '../../src/simulator/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { faultConfig, startWorkers, teardown, TEARDOWN_MS } from './harness.ts';
import { rows, until, SEED_KEYS } from '../support/seeded-round.ts';

// The Lark API answers 5xx for a while, then recovers: the outbox delivers every message, each
// exactly once, and no job ends failed.

const prefix = testQueuePrefix('fault5xx');
const MESSAGES = 24;
const chats = Array.from({ length: 8 }, (_, i) => `oc_5xx_${i}`);
let db: TestDb;
let fake: FakeLark;
let app: App | undefined;

beforeAll(async () => {
  db = await createTestDb('fault5xx');
  fake = await startFakeLark({ appId: SEED_KEYS.appId, appSecret: SEED_KEYS.appSecret });
  for (const id of chats) fake.addChat({ chat_id: id, name: id });
  app = await startWorkers(faultConfig({ databaseUrl: db.url, redisUrl: testRedisUrl, prefix, larkDomain: fake.url }));
});

afterAll(() => teardown([() => app?.close(), () => fake?.stop(), () => db?.drop(), () => cleanRedisPrefix(prefix)]), TEARDOWN_MS);

const card = (i: number) => ({
  schema: '2.0',
  header: { title: { tag: 'plain_text', content: `催办 ${i}` }, template: 'orange' },
  body: { elements: [{ tag: 'markdown', content: `第 ${i} 条：请填报本周进展。` }] },
});

describe('Lark answering 5xx, then recovering', () => {
  it('delivers every message exactly once, and no job fails', async () => {
    // More failures than messages: most messages fail once or twice before Lark recovers.
    fake.inject({ route: 'create', times: 30, status: 503 });
    fake.inject({ route: 'create', times: 10, status: 500 });
    fake.inject({ route: 'create', times: 6, status: 502 });
    const uuids: string[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const { uuid } = await app!.outbox.enqueue({ kind: 'send', to: { chatId: chats[i % chats.length]! }, content: { card: card(i) } }, { purpose: 'reminder', ref: `fault5xx:${i}` });
      uuids.push(uuid);
    }
    const mine = (m: { uuid?: string }) => m.uuid !== undefined && uuids.includes(m.uuid);
    await until('every message to reach Lark', async () => fake.messages.filter(mine).length, (n) => n === MESSAGES, 60_000, 100);
    await until('the outbox to finish', () => app!.outbox.queue.getJobCounts('waiting', 'active', 'delayed'), (c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0, 20_000);

    const creates = fake.calls.filter((c) => c.route === 'create' && c.uuid !== undefined && uuids.includes(c.uuid));
    expect(creates.filter((c) => (c.status ?? 0) >= 500).length, 'Lark failed 46 calls first').toBe(46);
    const accepted = creates.filter((c) => c.status === 200);
    expect(new Set(accepted.map((c) => c.uuid)).size).toBe(MESSAGES);
    expect(accepted.length, 'each message accepted by Lark once').toBe(MESSAGES);
    const messages = fake.messages.filter(mine);
    expect(messages.length).toBe(MESSAGES);
    expect(new Set(messages.map((m) => m.uuid)).size).toBe(MESSAGES);
    const [sent] = await rows<{ n: number; distinct_uuids: number }>(
      db.db,
      sql`select count(*)::int as n, count(distinct uuid)::int as distinct_uuids from sent_messages where purpose = 'reminder'`,
    );
    expect(sent).toEqual({ n: MESSAGES, distinct_uuids: MESSAGES });
    expect(await app!.outbox.queue.getJobCounts('failed')).toEqual({ failed: 0 });
  }, 90_000);
});
