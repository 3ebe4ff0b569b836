import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createRedis } from '../src/queue/connection.ts';
import { createOutbox, outboxUuid } from '../src/queue/outbox.ts';
import { cleanRedisPrefix } from '../test/support/redis.ts';
import { peakPerSecond } from '../test/support/fake-lark.ts';
import { rows } from '../test/support/seeded-round.ts';
import { REDIS_URL, startDuban, type BenchEnv } from './lib/setup.ts';

// Benchmark 3: 1,000 cards to 200 chats through the outbox of a `duban worker` process, against
// the fake Lark enforcing Lark's limits (50/s per app, 5/s per chat).

export const LARK_APP_LIMIT = 50;

export interface DispatchFigures {
  appRate: number;
  cards: number;
  chats: number;
  /** Enqueue of the first card to Lark accepting the last. */
  elapsedS: number;
  perS: number;
  /** Between Lark accepting the first and the last card (start-up excluded). */
  steadyPerS: number;
  peakAppPerS: number;
  peakChatPerS: number;
  throttled429: number;
  failedJobs: number;
  /** Messages in the fake with the same uuid (a message really sent twice). */
  sentTwice: number;
  /** Accepted create calls beyond one per uuid (a resend that Lark's uuid dedupe absorbed). */
  repeatedCalls: number;
  recorded: number;
  /** Median time a job held its slot: the Lark call plus recording it (BullMQ processedOn → finishedOn). */
  medianCallMs: number;
}

const card = (i: number) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: `督办通知 ${i}` }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content: `第 ${i} 张卡片：请于本周五前填报任务进展。` }] },
});

export async function benchDispatch(env: BenchEnv, opts: { appRate: number; cards?: number; chats?: number; log: (l: string) => void }): Promise<DispatchFigures> {
  const cards = opts.cards ?? 1000;
  const chats = opts.chats ?? 200;
  const chatIds = Array.from({ length: chats }, (_, i) => `oc_bench_${String(i).padStart(3, '0')}`);
  for (const id of chatIds) if (!env.fake.state.chats.has(id)) env.fake.addChat({ chat_id: id, name: `压测群 ${id}` });
  // A queue prefix of its own: the app-wide rate gate is per prefix.
  const prefix = `${env.prefix}-d${opts.appRate}-${randomBytes(2).toString('hex')}`;
  const { proc } = await startDuban({ ...env.env, QUEUE_PREFIX: prefix, OUTBOX_APP_RATE: String(opts.appRate) }, ['worker']);
  const producer = createRedis(REDIS_URL, 'producer');
  const outbox = createOutbox({ connection: producer, prefix });
  const run = randomBytes(3).toString('hex');
  const uuids = new Set<string>();
  try {
    opts.log(`  OUTBOX_APP_RATE=${opts.appRate}: ${cards} cards to ${chats} chats…`);
    const firstCall = env.fake.calls.length;
    const started = Date.now();
    for (let i = 0; i < cards; i++) {
      const meta = { purpose: 'bench', ref: `run:${run}:card:${i}` };
      uuids.add(outboxUuid(meta.purpose, meta.ref));
      await outbox.enqueue({ kind: 'send', to: { chatId: chatIds[i % chats]! }, content: { card: card(i) } }, meta);
    }
    const mine = () => env.fake.calls.slice(firstCall).filter((c) => c.route === 'create' && c.uuid !== undefined && uuids.has(c.uuid));
    const deadline = Date.now() + 180_000;
    let ok = 0;
    while ((ok = new Set(mine().filter((c) => c.status === 200).map((c) => c.uuid)).size) < cards && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const calls = mine();
    const accepted = calls.filter((c) => c.status === 200);
    const last = Math.max(...accepted.map((c) => c.ms));
    const first = Math.min(...accepted.map((c) => c.ms));
    const elapsedS = (last - started) / 1000;
    const byChat = new Map<string, number[]>();
    for (const c of accepted) byChat.set(c.chatId ?? '', [...(byChat.get(c.chatId ?? '') ?? []), c.ms]);
    const messages = env.fake.messages.filter((m) => m.uuid !== undefined && uuids.has(m.uuid));
    const [rec] = await rows<{ n: number }>(env.db.db, sql`select count(*)::int as n from sent_messages where purpose = 'bench' and ref like ${`run:${run}:%`}`);
    const counts = await outbox.queue.getJobCounts('failed');
    const held = (await outbox.queue.getJobs(['completed'], 0, -1))
      .filter((j) => j.processedOn && j.finishedOn)
      .map((j) => j.finishedOn! - j.processedOn!)
      .sort((a, b) => a - b);
    return {
      appRate: opts.appRate,
      cards,
      chats,
      elapsedS,
      perS: ok / elapsedS,
      steadyPerS: (ok - 1) / ((last - first) / 1000),
      peakAppPerS: peakPerSecond(accepted.map((c) => c.ms)),
      peakChatPerS: Math.max(...[...byChat.values()].map(peakPerSecond)),
      throttled429: calls.filter((c) => c.status === 429).length,
      failedJobs: counts.failed ?? 0,
      sentTwice: messages.length - new Set(messages.map((m) => m.uuid)).size,
      repeatedCalls: accepted.length - new Set(accepted.map((c) => c.uuid)).size,
      recorded: rec?.n ?? 0,
      medianCallMs: held[Math.floor(held.length / 2)] ?? NaN,
    };
  } finally {
    await proc.kill('SIGTERM');
    await outbox.close();
    producer.disconnect();
    await cleanRedisPrefix(prefix);
  }
}
