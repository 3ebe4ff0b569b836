import type { Db } from '../../db/client.ts';
import { loadPlanView } from '../../db/repositories/plan-view.repository.ts';
import { findRound, markRoundClosed, markRoundReopened, type RoundRecord } from '../../db/repositories/rounds.repository.ts';
import { roundFor } from '../../domain/rounds.ts';
import { DubanError, noPlanError } from '../../errors.ts';

/** Closes this week's round; later submissions are still stored, flagged late. */
export async function closeRound(db: Db, deps: { now: Date; timezone: string; weekOf?: Date }): Promise<{ round: RoundRecord; closed: boolean }> {
  const view = await loadPlanView(db);
  if (!view) throw noPlanError();
  const key = roundFor(deps.weekOf ?? deps.now, deps.timezone).key;
  const round = await findRound(db, view.plan.id, key);
  if (!round) throw new DubanError('ROUND_NOT_OPEN', `本周（${key}）的填报尚未开启，无需关闭`);
  const closed = await markRoundClosed(db, round.id, deps.now);
  return { round: (await findRound(db, view.plan.id, key)) ?? round, closed };
}

/**
 * Reopens this week's round after 关闭本周填报: submissions within its week are on time again.
 * The cards in the chats stay as they are (they never stopped accepting submissions).
 */
export async function reopenRound(db: Db, deps: { now: Date; timezone: string }): Promise<{ round: RoundRecord; reopened: boolean }> {
  const view = await loadPlanView(db);
  if (!view) throw noPlanError();
  const key = roundFor(deps.now, deps.timezone).key;
  const round = await findRound(db, view.plan.id, key);
  if (!round) throw new DubanError('ROUND_NOT_OPEN', `本周（${key}）的填报尚未开启，请先运行 duban round open`);
  const reopened = await markRoundReopened(db, round.id);
  return { round: (await findRound(db, view.plan.id, key)) ?? round, reopened };
}
