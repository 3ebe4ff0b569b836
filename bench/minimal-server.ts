// Baseline (b) for the card-callback benchmark: the least a correct acknowledgement needs — the raw
// body, decrypt, signature, timestamp and token check (duban's own verify), one BullMQ add of the job
// under the event id, the toast. No authorisation, no card. A child process like `duban serve`;
// prints its URL on the first line. Env: REDIS_URL, QUEUE_PREFIX, LARK_ENCRYPT_KEY, LARK_VERIFICATION_TOKEN.
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { verifyLarkRequest } from '../src/lark/inbound/verify.ts';
import { createRedis } from '../src/queue/connection.ts';
import { INBOUND_JOB_OPTIONS } from '../src/queue/inbound.ts';
import { eventJobId, QUEUES } from '../src/queue/names.ts';
import { exposeLoopDelay } from './lib/loop-delay.ts';

const env = process.env;
const redis = createRedis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer');
const queue = new Queue(QUEUES.inbound, { connection: redis, prefix: env.QUEUE_PREFIX });
const keys = { encryptKey: env.LARK_ENCRYPT_KEY, verificationToken: env.LARK_VERIFICATION_TOKEN };

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
exposeLoopDelay(app);
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.post('/lark/events', async (req, reply) => {
  const v = verifyLarkRequest(req.body as string, req.headers, keys, new Date());
  if (!v.ok) return reply.code(v.status).send({ error: v.reason });
  if (v.challenge !== undefined) return { challenge: v.challenge };
  const header = v.payload.header as { event_id: string; event_type: string };
  const job = { kind: 'status_report', eventId: header.event_id, eventType: header.event_type, receivedAt: new Date().toISOString(), payload: v.payload.event };
  await queue.add(job.kind, job, { ...INBOUND_JOB_OPTIONS, jobId: eventJobId(job.eventId) });
  return { toast: { type: 'success', content: '已提交' } };
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
const stop = () => void app.close().then(async () => {
  await queue.close();
  redis.disconnect();
  process.exit(0);
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
