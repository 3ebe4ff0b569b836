import { Queue, type Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeadLetters } from '../../src/db/repositories/dead-letters.repository.ts';
import { assignments, reporters } from '../../src/db/schema/index.ts';
import { createLogger } from '../../src/logging.ts';
import { createRedis } from '../../src/queue/connection.ts';
import type { InboundJob, ReportJobPayload } from '../../src/contracts/inbound.ts';
import { createInboundEnqueue } from '../../src/queue/inbound.ts';
import { eventJobId, QUEUES } from '../../src/queue/names.ts';
import { startInboundWorker } from '../../src/queue/workers/inbound.worker.ts';
import { safeError } from '../../src/safe-error.ts';
import { createInboundHandlers } from '../../src/usecases/inbound/handlers.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { newEventId } from '../support/lark-callbacks.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';
import { addRound, importSeed, taskId } from '../support/seed-reports.ts';

// A write that fails in Postgres (a note with U+0000, which no text column can hold; the webhook
// refuses it, so only a job queued by other means carries one) must log codes and ids, never the
// note, the evidence link or the reporter's open_id that drizzle puts in its error message.
const NOTE = '绝密说明：领导批示内容';
const EVIDENCE = 'https://docs.example.com/secret-evidence';
const OPEN_ID = 'ou_private_person_42';

const prefix = testQueuePrefix('logprivacy');
let t: TestDb;
let producer: Redis;
let workerConn: Redis;
let queue: Queue<InboundJob>;
let worker: Worker | undefined;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestDb('logprivacy');
  producer = createRedis(testRedisUrl, 'producer');
  workerConn = createRedis(testRedisUrl, 'worker');
  queue = new Queue(QUEUES.inbound, { connection: producer, prefix });
});
afterAll(async () => {
  await worker?.close();
  await queue?.close();
  producer?.disconnect();
  workerConn?.disconnect();
  await cleanRedisPrefix(prefix);
  await t?.drop();
});

describe('logs of a failing write', () => {
  it('carry the error code and ids, and no note text, evidence or open_id', async () => {
    const planId = await importSeed(t.db);
    const roundId = await addRound(t.db, planId, '2021-W23');
    const task = await taskId(t.db, planId, 5);
    // a reporter of the task's department: the worker's own authorisation check lets the job through
    const [owner] = await t.db.select({ departmentId: assignments.departmentId }).from(assignments).where(eq(assignments.taskId, task));
    await t.db.insert(reporters).values({ departmentId: owner!.departmentId, openId: OPEN_ID });
    const payload: ReportJobPayload = {
      planId, roundId, departmentId: owner!.departmentId, taskId: task,
      status: 'on_track', progress: 60, note: `${NOTE}\u0000`, evidenceUrl: EVIDENCE, reporterOpenId: OPEN_ID,
    };
    const logger = createLogger({ level: 'debug', destination: { write: (l: string) => void lines.push(l) } });
    const handlers = createInboundHandlers({ send: async () => {}, timezone: 'Asia/Shanghai' });
    worker = startInboundWorker({ connection: workerConn, prefix, db: t.db, logger, now: () => new Date(), handlers });
    const eventId = newEventId();
    await createInboundEnqueue(queue)({ kind: 'status_report', eventId, eventType: 'card.action.trigger', receivedAt: new Date().toISOString(), payload });

    // Postgres rejects it for good: the job goes to the dead-letter table (issue 12), and says so in the log.
    const end = Date.now() + 10_000;
    while (!lines.some((l) => l.includes('dead-letter table')) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const failed = lines.map((l) => JSON.parse(l) as Record<string, any>).find((l) => l.msg === 'inbound job moved to the dead-letter table');
    expect(failed?.error).toEqual({ code: '22021', message: 'database error 22021' });
    expect(failed?.eventId).toBe(eventId);

    const all = lines.join('\n');
    for (const secret of [NOTE, EVIDENCE, OPEN_ID, 'params', 'Failed query:']) expect(all).not.toContain(secret);
    const job = await queue.getJob(eventJobId(eventId));
    expect(job?.returnvalue).toBe('dead_lettered');
    for (const secret of [NOTE, EVIDENCE, OPEN_ID]) expect(job?.failedReason ?? '').not.toContain(secret);
    const [letter] = await listDeadLetters(t.db);
    expect(letter).toMatchObject({ eventId, errorCode: 'PG_22021' });
    for (const secret of [NOTE, EVIDENCE, OPEN_ID, 'params', 'Failed query:']) expect(letter!.errorMessage).not.toContain(secret);
  });

  it('strips query text and parameters from any error, wherever it is logged', () => {
    const drizzleLike = Object.assign(new Error(`Failed query: insert into "reports" values ($1, $2)\nparams: ${NOTE},${OPEN_ID}`), {
      cause: Object.assign(new Error('insert or update violates foreign key constraint'), { code: '23503', severity: 'ERROR', constraint: 'c1', table: 'reports', detail: `Key (x)=(${OPEN_ID})` }),
    });
    expect(safeError(drizzleLike)).toEqual({ code: '23503', message: 'database error 23503', constraint: 'c1', table: 'reports' });
    expect(JSON.stringify(safeError(new Error(`boom Failed query: select $1\nparams: ${NOTE}`)))).not.toContain(NOTE);

    const captured: string[] = [];
    const logger = createLogger({ destination: { write: (l: string) => void captured.push(l) } });
    logger.error({ error: drizzleLike }, 'write failed');
    logger.error({ err: { message: `Failed query: x\nparams: ${OPEN_ID}` } }, 'write failed');
    expect(captured.join('\n')).not.toMatch(new RegExp(`${NOTE}|${OPEN_ID}`));
    expect(JSON.parse(captured[0]!).error.constraint).toBe('c1');
  });
});
