import { readFileSync } from 'node:fs';
import { parsePlan } from '../../../src/plan/parse.ts';
import type { QueryContext } from '../../../src/domain/query/types.ts';

/** The parser's context for the seed plan, as the use case builds it from the database. */
export function seedContext(): QueryContext {
  const plan = parsePlan(readFileSync(new URL('../../../samples/cnipa-2021.txt', import.meta.url), 'utf8'));
  const names = [...new Set(plan.tasks.flatMap((t) => t.departments))];
  return {
    taskCount: plan.tasks.length,
    tasks: plan.tasks.map((t) => ({ number: t.number, title: t.title, measuresText: t.measures.map((m) => m.text).join(' ') })),
    departments: names.map((name, i) => ({ id: i + 1, name, aliases: name === '运用促进司' ? ['运用司'] : [] })),
    indicators: plan.indicators.map((ind, i) => ({ id: i + 1, name: ind.name })),
  };
}
