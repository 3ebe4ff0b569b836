/**
 * Which parts of the plan a regional office follows (docs/architecture.md#regions). Pure.
 *
 * The annex addresses every region through its 各地区 measures and, for the offices that opted
 * in (`conditional` in the directory), through those to 有条件的地区/有关地区. The body's key
 * points name them as 各地方知识产权局 in their 「（…负责）」 clauses.
 */

/** How the key points name every regional office; never a department of its own. */
export const ALL_REGIONS = '各地方知识产权局';
export const REGION_ACTOR = '各地区';
export const CONDITIONAL_ACTORS: readonly string[] = ['有条件的地区', '有关地区'];

/** A region's opt-in: true for every 有条件的地区/有关地区 measure, or the task numbers it covers. */
export type Conditional = true | readonly number[] | null;

export interface RegionScopedTask {
  kind: 'task' | 'key_point';
  number: number;
  measures: readonly { actor: string; text: string }[];
}

const optedIn = (c: Conditional, number: number): boolean => c === true || (Array.isArray(c) && c.includes(number));

/** The measures (or key point clauses) a region acts on, in document order; [] when none. */
export function regionMeasures(task: RegionScopedTask, conditional: Conditional): string[] {
  if (task.kind === 'key_point') return task.measures.filter((m) => m.actor.split('、').includes(ALL_REGIONS)).map((m) => m.text);
  return task.measures
    .filter((m) => m.actor === REGION_ACTOR || (CONDITIONAL_ACTORS.includes(m.actor) && optedIn(conditional, task.number)))
    .map((m) => m.text);
}

/** The measures of a key point a department's clauses cover (all its text when none names it). */
export function clausesFor(measures: readonly { actor: string; text: string }[], department: string): string[] {
  return measures.filter((m) => m.actor.split('、').includes(department)).map((m) => m.text);
}

/** Whether a responsibility name means every regional office rather than a department. */
export const meansAllRegions = (name: string): boolean => name === ALL_REGIONS;
