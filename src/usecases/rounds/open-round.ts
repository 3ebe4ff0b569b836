import { buildDepartmentCards } from '../../cards/department-card.ts';
import type { Db } from '../../db/client.ts';
import { listDepartments } from '../../db/repositories/directory.repository.ts';
import { loadPlanView } from '../../db/repositories/plan-view.repository.ts';
import { ensureRound, type RoundRecord } from '../../db/repositories/rounds.repository.ts';
import { roundFor } from '../../domain/rounds.ts';
import { noPlanError } from '../../errors.ts';
import { loadDepartmentCardInputs } from './department-card-inputs.ts';
import type { RoundDeps } from './ports.ts';

export interface OpenRoundResult {
  round: RoundRecord;
  created: boolean;
  /** departments (and regions, `region: true`) that got their card (all pages queued) */
  departments: { id: number; name: string; pages: number; region?: boolean }[];
  /** departments with tasks but no chat bound */
  unbound: string[];
}

export const roundCardRef = (roundId: number, departmentId: number, page: number) => `round:${roundId}:dept:${departmentId}:page:${page}`;

/**
 * Opens this week's round and queues each bound department its card. Every card goes out under a
 * stable ref, so opening the same round again (or retrying after a crash) sends nothing new.
 */
export async function openRound(db: Db, deps: RoundDeps): Promise<OpenRoundResult> {
  const view = await loadPlanView(db);
  if (!view) throw noPlanError();
  const { round, created } = await ensureRound(db, view.plan.id, roundFor(deps.now, deps.timezone), deps.now);
  const all = await listDepartments(db);
  const bound = all.filter((d) => d.chatId);
  const inputs = await loadDepartmentCardInputs(db, { view, round, departments: bound, now: deps.now, timezone: deps.timezone });
  const responsible = new Set([...view.tasks, ...view.keyPoints].flatMap((t) => [...t.departments, ...t.regions].map((d) => d.departmentId)));
  const result: OpenRoundResult = {
    round,
    created,
    departments: [],
    unbound: all.filter((d) => !d.chatId && responsible.has(d.id)).map((d) => d.name),
  };
  let n = 0;
  for (const dept of bound) {
    const input = inputs.get(dept.id);
    if (!input || !dept.chatId) continue;
    const cards = buildDepartmentCards(input);
    for (const [i, card] of cards.entries()) {
      await deps.send({ kind: 'send', to: { chatId: dept.chatId }, content: { card } }, { purpose: 'round_card', ref: roundCardRef(round.id, dept.id, i + 1) });
    }
    result.departments.push({ id: dept.id, name: dept.name, pages: cards.length, ...(dept.kind === 'region' ? { region: true } : {}) });
    deps.progress?.(`已排队 ${++n}/${inputs.size}：${dept.name}（${cards.length} 页）`);
  }
  return result;
}
