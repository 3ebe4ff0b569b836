import { readFileSync } from 'node:fs';
import { parseDirectory } from '../../../src/directory/parse.ts';
import { parsePlan } from '../../../src/plan/parse.ts';
import type { QueryContext } from '../../../src/domain/query/types.ts';

/**
 * The parser's context for the seed plan, as the use case builds it from the database after
 * `duban import samples/cnipa-2021.txt` and `duban directory directory.example.yaml`.
 */
export function seedContext(): QueryContext {
  const plan = parsePlan(readFileSync(new URL('../../../samples/cnipa-2021.txt', import.meta.url), 'utf8'));
  const directory = parseDirectory(readFileSync(new URL('../../../directory.example.yaml', import.meta.url), 'utf8'));
  const aliases = new Map(directory.departments.map((d) => [d.name, d.aliases]));
  const names = [...new Set(plan.tasks.flatMap((t) => t.departments))];
  return {
    taskCount: plan.tasks.length,
    tasks: plan.tasks.map((t) => ({ number: t.number, title: t.title, measuresText: t.measures.map((m) => m.text).join(' ') })),
    // regions are units like departments (listDepartmentNames reads both): 广东的进展 names one
    departments: [
      ...names.map((name, i) => ({ id: i + 1, name, aliases: aliases.get(name) ?? [] })),
      ...directory.regions.map((r, i) => ({ id: names.length + i + 1, name: r.name, aliases: r.aliases ?? [] })),
    ],
    indicators: plan.indicators.map((ind, i) => ({ id: i + 1, name: ind.name, value: ind.value, unit: ind.unit })),
    planYear: plan.year,
  };
}
