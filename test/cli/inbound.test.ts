import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundCommand } from '../../src/cli/inbound.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { insertDeadLetter, listDeadLetters } from '../../src/db/repositories/dead-letters.repository.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { QUEUES } from '../../src/queue/names.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

const prefix = testQueuePrefix('inboundcli');
let t: TestDb;
const redis = createRedis(testRedisUrl, 'producer');
const queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
const poisonJob = { kind: 'status_report', eventId: 'ev_poison_1', eventType: 'card.action.trigger', receivedAt: '2021-06-08T02:00:00.000Z', payload: { note: 'a\u0000b', taskId: 1 } };

beforeAll(async () => {
  t = await createTestDb('inboundcli');
});
afterAll(async () => {
  await queue.close();
  redis.disconnect();
  await t?.drop();
  await cleanRedisPrefix(prefix);
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const config = parseConfig({ DATABASE_URL: t.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: prefix });
  const code = await inboundCommand.run(args, { config, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('duban inbound', () => {
  it('says so when there are no dead letters', async () => {
    expect(await run('failed')).toEqual({ code: 0, out: ['没有待处理的死信。'], err: [] });
  });

  it('lists dead letters in a Chinese table, keeping a job Postgres could not store intact', async () => {
    const id = await insertDeadLetter(t.db, { eventId: 'ev_poison_1', kind: 'status_report', job: poisonJob, errorCode: 'PG_22021', errorMessage: 'invalid byte sequence for encoding "UTF8": 0x00', createdAt: new Date('2021-06-08T02:00:01Z') });
    const r = await run('failed');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^编号\s+事件\s+类型\s+错误\s+时间\s+已重试$/);
    expect(r.out[1]).toContain(`${id} `);
    expect(r.out[1]).toContain('ev_poison_1');
    expect(r.out[1]).toContain('PG_22021');
    expect(r.out.at(-1)).toContain('共 1 条');
  });

  it('refuses retry without ids or with both ids and --all, queueing nothing', async () => {
    for (const args of [['retry'], ['retry', '--all', '1'], ['retry', 'x']]) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.err.join('')).toContain('请给出死信编号');
    }
    expect(await queue.count()).toBe(0);
    expect((await listDeadLetters(t.db)).every((d) => d.retriedAt === null)).toBe(true);
  });

  it('retry queues the job exactly as it was under a new job id and marks the letter retried', async () => {
    const [letter] = await listDeadLetters(t.db);
    const r = await run('retry', String(letter!.id));
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`已重新放入队列：#${letter!.id}（status_report，事件 ev_poison_1）`);
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.id).toMatch(new RegExp(`^retry-${letter!.id}-\\d+$`));
    expect(jobs[0]!.data).toEqual(poisonJob);
    expect(jobs[0]!.opts.attempts).toBeGreaterThan(1000);
    expect(await listDeadLetters(t.db)).toEqual([]);
    expect((await run('failed', '--all')).out[1]).toContain('ev_poison_1');
  });

  it('says which ids are not pending dead letters and exits 1', async () => {
    const r = await run('retry', '424242');
    expect(r.code).toBe(1);
    expect(r.err).toEqual(['没有这些待处理的死信：#424242']);
    expect(await queue.count()).toBe(1);
  });

  it('retry --all queues every pending dead letter and, missing nothing, exits 0', async () => {
    const id = await insertDeadLetter(t.db, { eventId: 'ev_poison_2', kind: 'status_report', job: { ...poisonJob, eventId: 'ev_poison_2' }, errorCode: 'PG_22021', errorMessage: 'x', createdAt: new Date('2021-06-08T02:00:02Z') });
    const r = await run('retry', '--all');
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out[0]).toBe(`已重新放入队列：#${id}（status_report，事件 ev_poison_2）`);
    expect(await listDeadLetters(t.db)).toEqual([]);
    expect(await queue.count()).toBe(2);
  });
});
