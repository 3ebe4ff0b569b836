import type { Db } from '../db/client.ts';
import { listIndicatorStatuses, type IndicatorStatusRow, type PlanRow } from '../db/repositories/status.repository.ts';
import { meetsTarget } from '../domain/digest/indicators.ts';
import { COMPARATOR_SYMBOL, COMPARATOR_WORD, isComparator } from '../domain/vocabulary/comparators.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import type { Answer, IndicatorLine } from '../cards/answers/index.ts';
import type { AskOptions } from './ask-tasks.ts';

const withUnit = (v: number, unit: string): string => (unit === '%' || unit === '' ? `${v}${unit}` : `${v} ${unit}`);

export function indicatorLine(i: IndicatorStatusRow, o: AskOptions): IndicatorLine {
  const cmp = isComparator(i.comparator) ? i.comparator : null;
  const target = cmp ? `${COMPARATOR_SYMBOL[cmp]} ${withUnit(i.target, i.unit)}（${COMPARATOR_WORD[cmp]}）` : `${i.comparator} ${withUnit(i.target, i.unit)}`;
  return {
    name: i.name,
    target,
    owner: i.owner,
    value: i.value === null ? null : withUnit(i.value, i.unit),
    reporter: i.value === null ? null : (i.reporterName ?? i.reporterOpenId),
    reportedAt: i.reportedAt ? formatLocalTime(i.reportedAt, o.timezone) : null,
    met: i.value === null || !cmp ? null : meetsTarget(i.value, cmp, i.target),
  };
}

/** The named indicators: target in words and the latest reported value, who and when. */
export async function answerIndicators(db: Db, plan: PlanRow, query: string, ids: number[], o: AskOptions): Promise<Answer> {
  const rows = await listIndicatorStatuses(db, plan.id, ids);
  return { kind: 'indicators', query, indicators: rows.map((r) => indicatorLine(r, o)) };
}
