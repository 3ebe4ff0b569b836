import { createHash } from 'node:crypto';
import type { ParsedIndicator, ParsedPlan, ParsedTask } from '../plan/types.ts';
import type { IndicatorRecord, SectionRecord, TaskValues } from '../db/repositories/plan.repository.ts';

/** Tasks with a deadline kind are due at the end of the plan year; the others have no due date. */
export const dueDateOf = (task: ParsedTask, year: number): string | null => (task.deadlineKind === null ? null : `${year}-12-31`);

/** Everything stored for a task, hashed: equal hashes mean a re-import has nothing to write. */
export function taskValues(task: ParsedTask, year: number): TaskValues {
  const dueDate = dueDateOf(task, year);
  const content = [task.title, task.section, task.deadlineKind, dueDate, task.departments, task.measures.map((m) => [m.actor, m.text])];
  return {
    title: task.title,
    sectionNumber: task.section,
    deadlineKind: task.deadlineKind,
    dueDate,
    contentHash: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
  };
}

export interface SectionDiff {
  insert: { number: number; title: string }[];
  retitle: { id: number; title: string }[];
  remove: number[];
}

export function diffSections(existing: SectionRecord[], parsed: ParsedPlan['sections']): SectionDiff {
  const byNumber = new Map(existing.map((s) => [s.number, s]));
  const wanted = new Set(parsed.map((s) => s.number));
  return {
    insert: parsed.filter((s) => !byNumber.has(s.number)),
    retitle: parsed.flatMap((s) => {
      const old = byNumber.get(s.number);
      return old && old.title !== s.title ? [{ id: old.id, title: s.title }] : [];
    }),
    remove: existing.filter((s) => !wanted.has(s.number)).map((s) => s.id),
  };
}

export interface IndicatorDiff {
  insert: (ParsedIndicator & { position: number })[];
  update: (ParsedIndicator & { id: number; position: number })[];
  remove: number[];
}

export function diffIndicators(existing: IndicatorRecord[], parsed: ParsedIndicator[]): IndicatorDiff {
  const byName = new Map(existing.map((i) => [i.name, i]));
  const wanted = new Set(parsed.map((i) => i.name));
  const diff: IndicatorDiff = { insert: [], update: [], remove: existing.filter((i) => !wanted.has(i.name)).map((i) => i.id) };
  parsed.forEach((p, position) => {
    const old = byName.get(p.name);
    if (!old) diff.insert.push({ ...p, position });
    else if (old.comparator !== p.comparator || Number(old.value) !== p.value || old.unit !== p.unit || old.position !== position) {
      diff.update.push({ ...p, id: old.id, position });
    }
  });
  return diff;
}

export const sectionDiffEmpty = (d: SectionDiff): boolean => d.insert.length + d.retitle.length + d.remove.length === 0;
export const indicatorDiffEmpty = (d: IndicatorDiff): boolean => d.insert.length + d.update.length + d.remove.length === 0;
