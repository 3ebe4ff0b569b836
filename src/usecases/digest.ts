import type { DbOrTx } from '../db/client.ts';
import { findDigestByWeek, findPreviousDigest, insertDigestOnce } from '../db/repositories/digest.repository.ts';
import { leadershipChats } from '../db/repositories/directory.repository.ts';
import { requireActivePlan } from '../db/repositories/plan.repository.ts';
import { listSentRefs } from '../db/repositories/sent-messages.repository.ts';
import { buildDigestModelFromSummary } from '../domain/digest/model.ts';
import { earlierWeekKeys, fourWeekTrend } from '../domain/digest/trend.ts';
import { digestFigures } from '../db/repositories/history.repository.ts';
import type { DigestModel } from '../domain/digest/types.ts';
import { buildDigestCard, type Card } from '../cards/digest.ts';
import { loadDigestInput } from './digest-input.ts';
import { roundFor } from '../domain/rounds.ts';
import { readTogether } from '../db/reads.ts';

export interface ComposedDigest {
  planId: number;
  roundId: number | null;
  weekKey: string;
  model: DigestModel;
  card: Card;
  /** the model of the digest sent before this week, which `model.changes` compares against */
  previous: DigestModel | null;
}

const asModel = (v: unknown): DigestModel | null =>
  v && typeof v === 'object' && 'taskStates' in v ? (v as DigestModel) : null;

/** Builds this week's digest from the database; writes nothing. */
export async function composeDigest(db: DbOrTx, opts: { now: Date; timezone: string; weekOf?: Date }): Promise<ComposedDigest> {
  const plan = await requireActivePlan(db);
  const week = roundFor(opts.weekOf ?? opts.now, opts.timezone);
  const earlier = earlierWeekKeys(week, opts.timezone);
  // the digest stored last week (a model of every task) and the three before's figures are read while this week's input is
  const [loaded, previousRow, figures] = await readTogether(db, [
    () => loadDigestInput(db, opts, plan),
    () => findPreviousDigest(db, plan.id, week.key),
    () => digestFigures(db, plan.id, earlier),
  ]);
  const previous = asModel(previousRow?.model);
  const base = buildDigestModelFromSummary(loaded.input, previous);
  const model = { ...base, trend: fourWeekTrend(base, earlier, figures, loaded.weekKey) };
  return { planId: loaded.planId, roundId: loaded.roundId, weekKey: loaded.weekKey, model, card: buildDigestCard(model), previous };
}

/** Stores the digest as sent. False when this week's digest is already stored: then do not send again. */
export function recordDigest(db: DbOrTx, d: ComposedDigest, sentAt: Date): Promise<boolean> {
  return insertDigestOnce(db, { planId: d.planId, roundId: d.roundId, weekKey: d.weekKey, model: d.model, card: d.card, sentAt });
}

/** One logical message per plan, week and chat: the outbox turns it into a stable Lark uuid. */
export const digestRef = (planId: number, weekKey: string, chatId: string): string => `digest:plan:${planId}:week:${weekKey}:chat:${chatId}`;

export type DigestEnqueue = (chatId: string, card: Card, meta: { purpose: 'digest'; ref: string }) => Promise<unknown>;

export interface SendDigestResult {
  weekKey: string;
  /** true when this call stored the week's digest; false when an earlier call had */
  stored: boolean;
  /** chats a message was queued for by this call */
  enqueued: string[];
  card: Card;
}

/**
 * Stores this week's digest once, then queues it for every leadership chat. Run again in the
 * same week it queues nothing more — except for chats with no sent message yet, so a run that
 * crashed between storing and queuing is completed by the retry (with the stored card; the
 * outbox's uuid per ref absorbs a message still in flight).
 */
export async function sendDigest(deps: { db: DbOrTx; enqueue: DigestEnqueue }, opts: { now: Date; timezone: string; weekOf?: Date }): Promise<SendDigestResult> {
  const { db } = deps;
  const composed = await composeDigest(db, opts);
  const stored = await recordDigest(db, composed, opts.now);
  const card = stored ? composed.card : ((await findDigestByWeek(db, composed.planId, composed.weekKey))?.card as Card | undefined) ?? composed.card;

  const leadership = await leadershipChats(db);
  const refOf = new Map(leadership.map((c) => [c.chatId, digestRef(composed.planId, composed.weekKey, c.chatId)]));
  let targets = leadership.map((c) => c.chatId);
  if (!stored && targets.length) {
    const done = await listSentRefs(db, 'digest', [...refOf.values()]);
    targets = targets.filter((chatId) => !done.has(refOf.get(chatId)!));
  }
  for (const chatId of targets) await deps.enqueue(chatId, card, { purpose: 'digest', ref: refOf.get(chatId)! });
  return { weekKey: composed.weekKey, stored, enqueued: targets, card };
}
