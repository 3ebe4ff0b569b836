import type { DbOrTx } from '../db/client.ts';
import * as repo from '../db/repositories/plan.repository.ts';
import type { Now } from '../domain/clock.ts';
import { meansAllRegions } from '../domain/regions.ts';
import type { ParsedKeyPoint, ParsedPlan, ParsedTask } from '../plan/types.ts';
import { syncRegionAssignments } from './sync-regions.ts';
import { diffIndicators, diffSections, indicatorDiffEmpty, sectionDiffEmpty, taskValues } from './import-plan-diff.ts';

export interface ImportPlanOptions {
  now: Now;
  /** hash of the source file, stored with the plan */
  sourceHash: string;
  /** compute the summary, then roll everything back */
  dryRun?: boolean;
}

export interface ImportSummary {
  /** null only for a dry run of a plan not imported yet */
  planId: number | null;
  /** the plan itself is new */
  created: boolean;
  added: number[];
  changed: number[];
  removed: number[];
  unchanged: number[];
  /** the same for the body's 工作要点 (numbered on their own) */
  keyPoints: { added: number[]; changed: number[]; removed: number[]; unchanged: number[] };
}

class DryRunRollback extends Error {}

/**
 * Imports a parsed plan in one transaction. The plan is matched by doc number (else title),
 * tasks by number: unchanged tasks are not written at all, changed ones are rewritten in place
 * (same id, reports kept), tasks gone from the document get `removedAt`, never deleted.
 */
export async function importPlan(db: DbOrTx, parsed: ParsedPlan, opts: ImportPlanOptions): Promise<ImportSummary> {
  const at = opts.now();
  if (!opts.dryRun) return db.transaction((tx) => apply(tx, parsed, opts.sourceHash, at));
  let summary: ImportSummary | undefined;
  try {
    await db.transaction(async (tx) => {
      summary = await apply(tx, parsed, opts.sourceHash, at);
      throw new DryRunRollback();
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  return { ...summary!, planId: summary!.created ? null : summary!.planId };
}

async function apply(tx: DbOrTx, parsed: ParsedPlan, sourceHash: string, at: Date): Promise<ImportSummary> {
  await repo.lockPlanImports(tx);
  const values: repo.PlanValues = {
    key: parsed.docNumber ?? parsed.title,
    title: parsed.title,
    docNumber: parsed.docNumber,
    year: parsed.year,
    reportDeadline: parsed.reportDeadline,
    reportTo: parsed.reportTo,
    sourceHash,
    importedAt: at,
  };
  const existing = await repo.findPlanByKey(tx, values.key);
  const planId = existing ? existing.id : await repo.insertPlan(tx, values);
  await repo.activateOnly(tx, planId);

  const sectionDiff = diffSections(await repo.listSections(tx, planId), parsed.sections);
  for (const s of sectionDiff.insert) await repo.insertSection(tx, planId, s.number, s.title);
  for (const s of sectionDiff.retitle) await repo.updateSectionTitle(tx, s.id, s.title);
  await repo.deleteSections(tx, sectionDiff.remove);

  const summary = await applyTasks(tx, planId, parsed.tasks, 'task', parsed.year, at);
  const keyPoints = await applyTasks(tx, planId, parsed.keyPoints.map(keyPointAsTask), 'key_point', parsed.year, at);
  await syncRegionAssignments(tx, planId);

  const indicatorDiff = diffIndicators(await repo.listIndicators(tx, planId), parsed.indicators);
  for (const i of indicatorDiff.insert) await repo.insertIndicator(tx, planId, pick(i));
  for (const i of indicatorDiff.update) await repo.updateIndicator(tx, i.id, pick(i));
  await repo.deleteUnreportedIndicators(tx, indicatorDiff.remove);

  const touched = [summary, keyPoints].some((s) => s.added.length + s.changed.length + s.removed.length > 0) || !sectionDiffEmpty(sectionDiff) || !indicatorDiffEmpty(indicatorDiff);
  if (existing && (touched || metadataDiffers(existing, values))) await repo.updatePlan(tx, planId, values);
  return { planId, created: !existing, ...summary, keyPoints };
}

/**
 * A key point stored as a task of kind key_point: one measure per clause (actor = its departments),
 * assignments to the departments its clauses name. 各地方知识产权局 is not a department: the
 * regions' assignments come from syncRegionAssignments. Body sections are not the annex's
 * sections, so none is stored.
 */
function keyPointAsTask(k: ParsedKeyPoint): ParsedTask {
  return {
    number: k.number,
    title: k.title,
    section: null,
    deadlineKind: null,
    departments: [...new Set(k.clauses.flatMap((c) => c.departments))].filter((d) => !meansAllRegions(d)),
    measures: k.clauses.map((c) => ({ actor: c.departments.join('、'), text: c.text })),
  };
}

async function applyTasks(tx: DbOrTx, planId: number, items: ParsedTask[], kind: repo.TaskKind, year: number, at: Date): Promise<ImportSummary['keyPoints']> {
  const result = { added: [] as number[], changed: [] as number[], removed: [] as number[], unchanged: [] as number[] };
  const existing = new Map((await repo.listTasks(tx, planId, kind)).map((t) => [t.number, t]));
  const departmentIds = await repo.resolveDepartments(tx, items.flatMap((t) => t.departments).filter((d) => !meansAllRegions(d)));
  for (const task of items) {
    const values = taskValues(task, year);
    const old = existing.get(task.number);
    if (old && old.removedAt === null && old.contentHash === values.contentHash) {
      result.unchanged.push(task.number);
      continue;
    }
    let taskId: number;
    if (old) {
      await repo.updateTask(tx, old.id, values);
      taskId = old.id;
      (old.removedAt === null ? result.changed : result.added).push(task.number);
    } else {
      taskId = await repo.insertTask(tx, planId, task.number, values, kind);
      result.added.push(task.number);
    }
    await repo.replaceMeasures(tx, taskId, task.measures);
    await repo.replaceAssignments(tx, taskId, task.departments.filter((d) => !meansAllRegions(d)).map((d) => departmentIds.get(d)!));
  }
  const wanted = new Set(items.map((t) => t.number));
  const gone = [...existing.values()].filter((t) => t.removedAt === null && !wanted.has(t.number));
  await repo.markTasksRemoved(tx, gone.map((t) => t.id), at);
  result.removed = gone.map((t) => t.number);
  return result;
}

const pick = (i: { position: number; name: string; comparator: string; value: number; unit: string }): repo.IndicatorValues => ({
  position: i.position,
  name: i.name,
  comparator: i.comparator,
  value: i.value,
  unit: i.unit,
});

function metadataDiffers(old: repo.PlanRecord, next: repo.PlanValues): boolean {
  return (
    old.title !== next.title ||
    old.docNumber !== next.docNumber ||
    old.year !== next.year ||
    old.reportDeadline !== next.reportDeadline ||
    old.reportTo !== next.reportTo ||
    old.sourceHash !== next.sourceHash
  );
}
