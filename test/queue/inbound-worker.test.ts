import { Queue, UnrecoverableError, type Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inboundDeadLetters, people, processedEvents } from '../../src/db/schema/index.ts';
import { DubanError } from '../../src/errors.ts';
import { createLogger } from '../../src/logging.ts';
import { metrics } from '../../src/metrics.ts';
import { createRedis } from '../../src/queue/connection.ts';
import type { InboundHandler, InboundJob, InboundKind, LarkMessage } from '../../src/contracts/inbound.ts';
import { createInboundEnqueue } from '../../src/queue/inbound.ts';
import { QUEUES, eventJobId } from '../../src/queue/names.ts';
import { processInboundJob, startInboundWorker } from '../../src/queue/workers/inbound.worker.ts';
import { newEventId } from '../support/lark-callbacks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

const NOW = new Date('2026-03-02T01:00:00Z');
const logger = createLogger({ level: 'silent' });
const prefix = testQueuePrefix('inworker');
let t: TestDb;
let producer: Redis;
let workerConn: Redis;
let queue: Queue<InboundJob>;
let worker: Worker | undefined;

// Only the sender matters to these handlers; the rest of the message is left out.
const job = (eventId: string, kind: InboundKind = 'message', openId = `ou_${eventId}`): InboundJob =>
  ({ kind, eventId, eventType: 'im.message.receive_v1', receivedAt: NOW.toISOString(), payload: { senderOpenId: openId } as LarkMessage }) as InboundJob;

/** A handler that writes through the job's transaction, as real handlers will. */
const calls: string[] = [];
const savePerson: InboundHandler<'message'> = async (data, { tx }) => {
  calls.push(data.eventId);
  await tx.insert(people).values({ openId: data.payload.senderOpenId!, name: 'x' });
};

const processedRows = (eventId: string) => t.db.select().from(processedEvents).where(eq(processedEvents.eventId, eventId));
const personRows = (openId: string) => t.db.select().from(people).where(eq(people.openId, openId));

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  t = await createTestDb('inworker');
  producer = createRedis(testRedisUrl, 'producer');
  workerConn = createRedis(testRedisUrl, 'worker');
  queue = new Queue(QUEUES.inbound, { connection: producer, prefix });
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  calls.length = 0;
});

afterAll(async () => {
  await queue?.close();
  producer?.disconnect();
  workerConn?.disconnect();
  await t?.drop();
  await cleanRedisPrefix(prefix);
});

describe('inbound worker', () => {
  it('records the event id and runs the handler of the job kind in one go', async () => {
    const id = newEventId();
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger, now: () => NOW, handlers: { message: savePerson } });
    await createInboundEnqueue(queue)(job(id));
    await until(async () => (await processedRows(id)).length === 1);
    expect(await processedRows(id)).toEqual([{ eventId: id, eventType: 'im.message.receive_v1', processedAt: NOW }]);
    expect(await personRows(`ou_${id}`)).toHaveLength(1);
    expect(calls).toEqual([id]);
  });

  it('when Lark redelivers an event after its job completed and was removed, it does nothing new', async () => {
    const id = newEventId();
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger, now: () => NOW, handlers: { message: savePerson } });
    const enqueue = createInboundEnqueue(queue);
    await enqueue(job(id));
    await until(async () => (await queue.getJobState(eventJobId(id))) === 'completed');
    await queue.remove(eventJobId(id)); // hours later the completed job is gone from Redis
    await enqueue(job(id));
    await until(async () => (await queue.getJobState(eventJobId(id))) === 'completed');
    const second = await queue.getJob(eventJobId(id));
    expect(second?.returnvalue).toBe('duplicate');
    expect(calls).toEqual([id]);
    expect(await processedRows(id)).toHaveLength(1);
    expect(await personRows(`ou_${id}`)).toHaveLength(1);
  });

  it('when the handler refuses (non-retryable), it moves the job to the dead-letter table at once and records nothing else', async () => {
    const id = newEventId();
    const refuse: InboundHandler<'message'> = async (data, ctx) => {
      await savePerson(data, ctx);
      throw new DubanError('TASK_UNKNOWN', '没有这个任务');
    };
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger, now: () => NOW, handlers: { message: refuse } });
    await createInboundEnqueue(queue)(job(id));
    await until(async () => (await queue.getJobState(eventJobId(id))) === 'completed');
    const done = await queue.getJob(eventJobId(id));
    expect(done?.attemptsMade, "not retried").toBe(1);
    expect(done?.returnvalue).toBe('dead_lettered');
    const letters = await t.db.select().from(inboundDeadLetters).where(eq(inboundDeadLetters.eventId, id));
    expect(letters).toMatchObject([{ kind: 'message', errorCode: 'TASK_UNKNOWN', errorMessage: '没有这个任务', retriedAt: null }]);
    expect(JSON.parse(letters[0]!.job)).toEqual(job(id));
    expect(await processedRows(id)).toHaveLength(0);
    expect(await personRows(`ou_${id}`)).toHaveLength(0);
  });

  it('when the handler fails transiently, the job keeps its retries instead of being dead-lettered', async () => {
    const id = newEventId();
    let attempts = 0;
    const down: InboundHandler<'message'> = async () => {
      attempts++;
      if (attempts < 4) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    };
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger, now: () => NOW, handlers: { message: down }, retryMaxMs: 20 });
    await createInboundEnqueue(queue)(job(id));
    await until(async () => (await queue.getJobState(eventJobId(id))) === 'completed');
    expect(attempts).toBe(4);
    expect((await queue.getJob(eventJobId(id)))?.returnvalue).toBe('processed');
    expect(await t.db.select().from(inboundDeadLetters).where(eq(inboundDeadLetters.eventId, id))).toEqual([]);
    expect(await processedRows(id)).toHaveLength(1);
  });

  it('when the handler fails transiently, the retry does the work exactly once', async () => {
    const id = newEventId();
    let attempts = 0;
    const flaky: InboundHandler<'message'> = async (data, ctx) => {
      attempts++;
      await savePerson(data, ctx);
      if (attempts === 1) throw new Error('connection reset');
    };
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger, now: () => NOW, handlers: { message: flaky } });
    await queue.add('message', job(id), { jobId: eventJobId(id), attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    await until(async () => (await queue.getJobState(eventJobId(id))) === 'completed');
    expect(attempts).toBe(2);
    expect(await processedRows(id)).toHaveLength(1);
    expect(await personRows(`ou_${id}`)).toHaveLength(1);
  });

  it('when two jobs of one event run at the same moment, exactly one does the work', async () => {
    const id = newEventId();
    const deps = { db: t.db, logger, now: () => NOW, handlers: { message: savePerson } };
    const outcomes = await Promise.all([processInboundJob(job(id), deps), processInboundJob(job(id), deps)]);
    expect(outcomes.sort()).toEqual(['duplicate', 'processed']);
    expect(await personRows(`ou_${id}`)).toHaveLength(1);
  });

  it('records a job of a kind nobody handles yet, so a later redelivery stays a no-op', async () => {
    const id = newEventId();
    expect(await processInboundJob(job(id, 'card_action'), { db: t.db, logger, now: () => NOW })).toBe('processed');
    expect(await processInboundJob(job(id, 'card_action'), { db: t.db, logger, now: () => NOW })).toBe('duplicate');
    expect(await processedRows(id)).toHaveLength(1);
  });

  it('refuses a job without an event id and writes nothing', async () => {
    const bad = { ...job('x'), eventId: '' };
    await expect(processInboundJob(bad, { db: t.db, logger, now: () => NOW })).rejects.toThrow(/event id/);
    expect(await processedRows('')).toHaveLength(0);
  });

  it('refuses, as not worth retrying, a job that is no object or whose event id or kind is not text, and writes nothing', async () => {
    const deps = { db: t.db, logger, now: () => NOW, handlers: { message: savePerson } };
    const before = await t.db.select().from(processedEvents);
    const bad = [null, { ...job('x'), eventId: 42 }, { ...job('no-kind'), kind: undefined }, { ...job('kind-number'), kind: 7 }];
    for (const data of bad) {
      const refused = processInboundJob(data as unknown as InboundJob, deps);
      await expect(refused).rejects.toBeInstanceOf(UnrecoverableError);
      await expect(refused).rejects.toThrow('inbound job without event id or kind');
    }
    expect(calls).toEqual([]);
    expect(await t.db.select().from(processedEvents)).toEqual(before);
  });

  it('moves a queued job without an event id to the dead-letter table instead of retrying it', async () => {
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger, now: () => NOW, handlers: { message: savePerson } });
    const jobId = `no-event-id-${newEventId()}`;
    const { eventId: _e, ...withoutId } = job('x');
    await queue.add('message', withoutId as InboundJob, { jobId, attempts: 5 });
    await until(async () => (await queue.getJobState(jobId)) === 'completed');
    const done = await queue.getJob(jobId);
    expect(done?.attemptsMade, 'not retried').toBe(1);
    expect(done?.returnvalue).toBe('dead_lettered');
    expect(calls).toEqual([]);
  });
});

describe('inbound worker: Redis errors', () => {
  it('logs an error the worker emits instead of letting it crash the process', async () => {
    const lines: string[] = [];
    const captured = createLogger({ destination: { write: (l: string) => void lines.push(l) } });
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger: captured, now: () => NOW });
    expect(() => worker!.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'))).not.toThrow();
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; error?: { message?: string } }).filter((l) => l.msg === 'inbound worker error');
    expect(logged, 'the error is logged once, at error level, with its message').toMatchObject([{ level: 50, error: { message: 'connect ECONNREFUSED 127.0.0.1:6379' } }]);
  });
});

describe('inbound worker: kinds written in batches', () => {
  it('hands the jobs of a batched kind to its batch writer, runs other kinds one by one, and dead-letters a job the batch refused', async () => {
    const batched: string[][] = [];
    const writeMessages = async (jobs: InboundJob[]) => {
      batched.push(jobs.map((j) => j.eventId));
      return jobs.map((j) => (j.eventId.startsWith('poison') ? new DubanError('REPORT_INVALID', '这条填报无法保存') : ('processed' as const)));
    };
    worker = startInboundWorker({
      connection: workerConn, prefix, db: t.db, logger, now: () => NOW, handlers: { message: savePerson }, batchHandlers: { message: writeMessages }, batch: { maxWaitMs: 5 },
    });
    const [a, b, poison, other] = [newEventId(), newEventId(), `poison-${newEventId()}`, newEventId()];
    const enqueue = createInboundEnqueue(queue);
    await Promise.all([a, b, poison].map((id) => enqueue(job(id))));
    await enqueue(job(other, 'card_action'));
    for (const id of [a, b, poison, other]) await until(async () => (await queue.getJobState(eventJobId(id))) === 'completed');
    expect(batched.flat().sort()).toEqual([a, b, poison].sort());
    expect(calls).toEqual([]); // the one-by-one handler of the batched kind is not used
    expect((await queue.getJob(eventJobId(a)))?.returnvalue).toBe('processed');
    expect((await queue.getJob(eventJobId(poison)))?.returnvalue).toBe('dead_lettered');
    expect(await t.db.select().from(inboundDeadLetters).where(eq(inboundDeadLetters.eventId, poison))).toMatchObject([{ errorCode: 'REPORT_INVALID' }]);
    expect((await queue.getJob(eventJobId(other)))?.returnvalue).toBe('processed');
    expect(await processedRows(other)).toHaveLength(1); // recorded by processInboundJob, not the batch
  });
});

describe('inbound worker: failed attempts on /metrics', () => {
  const failed = async (final: 'true' | 'false') =>
    (await metrics.failedJobs.get()).values.find((v) => v.labels.queue === QUEUES.inbound && v.labels.final === final)?.value ?? 0;

  it('counts each failed attempt that will be retried as final=false, and the last one as final=true', async () => {
    const down: InboundHandler<'message'> = async () => {
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    };
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger, now: () => NOW, handlers: { message: down }, retryMaxMs: 10 });
    const [retried, last] = [await failed('false'), await failed('true')];
    const id = newEventId();
    await queue.add('message', job(id), { jobId: eventJobId(id), attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    await until(async () => (await queue.getJobState(eventJobId(id))) === 'failed');
    await until(async () => (await failed('true')) === last + 1); // the 'failed' listener runs after the state is written
    expect(await failed('false')).toBe(retried + 2);
    expect((await queue.getJob(eventJobId(id)))?.attemptsMade).toBe(3);
  });
});
