import type { Answer } from '../cards/answers/index.ts';
import type { Db } from '../db/client.ts';
import { findPlanById } from '../db/repositories/plan.repository.ts';
import type { PlanRow } from '../db/repositories/status.repository.ts';
import { chineseDate, collectionPhase, countdownText } from '../domain/results/collection.ts';
import { formatBytes } from '../domain/results/files.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import type { AskOptions } from './ask-tasks.ts';
import { DEFAULT_RESULTS_SETTINGS } from './results/ports.ts';
import { loadResultsOverview } from './results/overview.ts';

/** 成效报送情况: who sent what and when, who confirmed the paper copy, who has not. */
export async function answerResults(db: Db, plan: PlanRow, o: AskOptions & { leadDays?: number }): Promise<Answer> {
  const overview = await loadResultsOverview(db, plan);
  const deadline = (await findPlanById(db, plan.id))?.reportDeadline ?? null;
  const phase = collectionPhase(deadline, o.leadDays ?? DEFAULT_RESULTS_SETTINGS.leadDays, o.now, o.timezone);
  const at = (d: Date) => formatLocalTime(d, o.timezone).slice(5);
  return {
    kind: 'results',
    results: {
      deadline: deadline ? chineseDate(deadline) : null,
      countdown: phase.phase === 'open' ? countdownText(phase.daysLeft) : null,
      startsOn: phase.phase === 'not_yet' ? chineseDate(phase.start) : null,
      totalUnits: overview.units.length,
      submitted: overview.units
        .filter((u) => u.latest)
        .sort((a, b) => a.latest!.submittedAt.getTime() - b.latest!.submittedAt.getTime())
        .map((u) => ({
          unit: u.unit.name,
          fileName: u.latest!.fileName,
          size: formatBytes(u.latest!.sizeBytes),
          at: at(u.latest!.submittedAt),
          by: u.latest!.submittedByName ?? u.latest!.submittedBy,
          files: u.files,
          paperAt: u.paper ? at(u.paper.confirmedAt) : null,
        })),
      missing: overview.units.filter((u) => !u.latest).map((u) => u.unit.name),
      paperMissing: overview.units.filter((u) => u.latest && !u.paper).map((u) => u.unit.name),
      paperOnly: overview.units.filter((u) => !u.latest && u.paper).map((u) => u.unit.name),
    },
  };
}
