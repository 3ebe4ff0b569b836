import { pageDepartmentCard, patchIndicator, patchTask, type BlockPatch, type PagedDepartmentCard } from '../../cards/department-card.ts';
import type { SubmittedMark } from '../../cards/department-types.ts';
import type { DbOrTx } from '../../db/client.ts';
import { loadPlanView, type PlanView } from '../../db/repositories/plan-view.repository.ts';
import type { AccessDirectory, AccessRound } from '../../domain/authorise.ts';
import type { Submission } from '../../domain/submission.ts';
import { loadDepartmentCardInputs } from '../rounds/department-card-inputs.ts';

/**
 * The department cards this process has answered with, kept so the answer to the next submission
 * is that card with one block changed (patchTaskBlock) instead of a rebuild from Postgres. One entry
 * per round × department (the card every message of that round and department shows). An entry
 * is built from Postgres the first time (a cold process, or a card it has not seen), again after
 * `maxAgeMs` (statuses stored by other web processes, the day's deadline colours), and whenever the
 * access version moves (a plan import, a directory edit, a round opened or closed).
 */
export interface CardPages {
  /**
   * The page holding the submitted block, as it looks after the submission, and `apply()` to keep the
   * change for the next answers (once the submission is queued); null when the card has no such block.
   */
  answer(args: { submission: Submission; round: AccessRound; dir: AccessDirectory; who: SubmittedMark; timezone: string; toReview?: boolean }): Promise<BlockPatch | null>;
  /** Entries in memory (for tests and the metrics). */
  size(): number;
}

export interface CardPagesOptions {
  /** Oldest entry kept, in ms (default five minutes). */
  maxAgeMs?: number;
  /** Most entries kept (default 2,000: 50 units × 40 open rounds); the oldest goes first. */
  maxEntries?: number;
}

interface Entry {
  version: number;
  builtAt: number;
  paged: Promise<PagedDepartmentCard | null>;
}

export function createCardPages(db: DbOrTx, opts: CardPagesOptions = {}): CardPages {
  const maxAgeMs = opts.maxAgeMs ?? 5 * 60_000;
  const maxEntries = opts.maxEntries ?? 2000;
  const entries = new Map<string, Entry>();
  // The plan as shown on cards, per access version (an import bumps it).
  let views: { version: number; byPlan: Map<number, Promise<PlanView | null>> } = { version: -1, byPlan: new Map() };

  const planView = (planId: number, version: number): Promise<PlanView | null> => {
    if (views.version !== version) views = { version, byPlan: new Map() };
    let v = views.byPlan.get(planId);
    if (!v) {
      v = loadPlanView(db, planId);
      views.byPlan.set(planId, v);
      const byPlan = views.byPlan;
      // A failed read is not kept: the next action tries again.
      v.catch(() => byPlan.get(planId) === v && byPlan.delete(planId));
    }
    return v;
  };

  const build = async (s: Submission, round: AccessRound, dir: AccessDirectory, timezone: string, now: Date): Promise<PagedDepartmentCard | null> => {
    const dept = dir.departments.get(s.departmentId);
    const view = await planView(s.planId, dir.version);
    if (!view || !dept) return null;
    const input = (await loadDepartmentCardInputs(db, { view, round, departments: [{ id: dept.id, name: dept.name }], now, timezone })).get(dept.id);
    return input ? pageDepartmentCard(input) : null;
  };

  return {
    async answer({ submission: s, round, dir, who, timezone, toReview = false }) {
      const key = `${s.roundId}:${s.departmentId}`;
      const nowMs = who.at.getTime();
      let entry = entries.get(key);
      if (!entry || entry.version !== dir.version || nowMs - entry.builtAt > maxAgeMs) {
        entry = { version: dir.version, builtAt: nowMs, paged: build(s, round, dir, timezone, who.at) };
        entries.delete(key);
        entries.set(key, entry);
        const built = entry;
        built.paged.catch(() => entries.get(key) === built && entries.delete(key));
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      const paged = await entry.paged;
      if (!paged) return null;
      if (s.kind === 'report') {
        // A 已完成 sent for 办结审核 shows as 待审核 until it is approved.
        return patchTask(paged, s.taskId, {
          last: { status: toReview ? 'pending_review' : s.status, progress: s.progress, note: s.note, evidenceUrl: s.evidenceUrl, reporterName: who.by, reportedAt: who.at },
          submitted: who,
          ...(toReview ? { review: { state: 'pending' as const, reason: null } } : {}),
        });
      }
      return patchIndicator(paged, s.indicatorId, { last: { value: s.value, reporterName: who.by, reportedAt: who.at }, submitted: who });
    },
    size: () => entries.size,
  };
}
