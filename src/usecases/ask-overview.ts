import type { Db } from '../db/client.ts';
import {
  findRoundByKey, listIndicatorStatuses, listTaskStatuses, type IndicatorStatusRow, type PlanRow,
} from '../db/repositories/status.repository.ts';
import { buildDigestModel, COMPARATOR_LABEL, meetsTarget, type DigestTaskInput } from '../domain/digest/index.ts';
import { roundFor, formatLocalTime } from '../domain/rounds.ts';
import type { Comparator } from '../plan/types.ts';
import type { Answer, IndicatorLine } from '../cards/answers/index.ts';
import { statusOf, type AskOptions } from './ask-tasks.ts';

const COMPARATOR_WORDS: Record<Comparator, string> = { '<=': '不超过', '=': '稳定在', '>=': '不低于', '>': '超过' };
const isComparator = (c: string): c is Comparator => c in COMPARATOR_WORDS;
const withUnit = (v: number, unit: string): string => (unit === '%' || unit === '' ? `${v}${unit}` : `${v} ${unit}`);

function indicatorLine(i: IndicatorStatusRow, o: AskOptions): IndicatorLine {
  const cmp = isComparator(i.comparator) ? i.comparator : null;
  const target = cmp ? `${COMPARATOR_LABEL[cmp]} ${withUnit(i.target, i.unit)}（${COMPARATOR_WORDS[cmp]}）` : `${i.comparator} ${withUnit(i.target, i.unit)}`;
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

/** 本周汇总 on demand: the digest model computed now, cut down to counts, response, the red list and indicators. */
export async function answerDigest(db: Db, plan: PlanRow, o: AskOptions): Promise<Answer> {
  const round = await findRoundByKey(db, plan.id, roundFor(o.now, o.timezone).key);
  const [rows, indicators] = await Promise.all([
    listTaskStatuses(db, plan.id, { kind: 'all' }, round?.id ?? null),
    listIndicatorStatuses(db, plan.id, null),
  ]);
  const tasks = new Map<number, DigestTaskInput>();
  for (const r of rows) {
    let t = tasks.get(r.taskId);
    if (!t) {
      t = { id: r.taskId, number: r.number, title: r.title, section: r.sectionNumber, deadlineKind: r.deadlineKind, dueDate: r.dueDate, departments: [] };
      tasks.set(r.taskId, t);
    }
    t.departments.push({
      departmentId: r.departmentId, name: r.name, role: r.role, status: statusOf(r.status), progress: r.progress,
      note: r.note, reporter: r.reporterName ?? r.reporterOpenId, reportedAt: r.reportedAt, reportedThisRound: r.reportedInRound,
    });
  }
  const model = buildDigestModel({
    plan: { title: plan.title, year: plan.year, reportDeadline: null },
    round: round ? { key: round.key, startsAt: round.startsAt, endsAt: round.endsAt } : null,
    sections: [],
    tasks: [...tasks.values()],
    indicators: indicators.filter((i) => isComparator(i.comparator)).map((i) => ({
      id: i.id, name: i.name, comparator: i.comparator as Comparator, target: i.target, unit: i.unit,
      latest: i.value === null || !i.reportedAt ? null : { value: i.value, reportedAt: i.reportedAt },
    })),
    now: o.now,
    timezone: o.timezone,
  });
  return {
    kind: 'digest',
    digest: {
      round: round?.key ?? null,
      taskCount: model.taskCount,
      counts: model.statusCounts,
      overdue: model.deadlineCounts.overdue,
      warning: model.deadlineCounts.warning,
      departmentsExpected: model.response.expected,
      departmentsReported: model.response.reported,
      partial: model.response.partial.map((p) => `${p.name}（${p.reported}/${p.expected}）`),
      missing: model.response.missing,
      red: model.redList.map((e) => ({
        number: e.number, title: e.title, status: e.status, progress: e.progress, deadlineState: e.deadline,
        highlight: e.department && e.status !== 'not_started' ? e.department : null,
      })),
      indicators: indicators.map((i) => indicatorLine(i, o)),
    },
  };
}
