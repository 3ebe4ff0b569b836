import type { DigestBudget } from '../../src/cards/digest-parts.ts';
import type { DigestModel, RedListEntry, SectionSummary, StatusMove } from '../../src/domain/digest/types.ts';
import type { Status } from '../../src/domain/status.ts';

// A digest model built by hand for the card tests: every figure set, nothing computed (issue 20).

export const TZ = 'Asia/Shanghai';
const zero = (): Record<Status, number> => ({ not_started: 0, on_track: 0, at_risk: 0, blocked: 0, pending_review: 0, done: 0 });
export const counts = (c: Partial<Record<Status, number>>): Record<Status, number> => ({ ...zero(), ...c });

export function model(extra: Partial<DigestModel> = {}): DigestModel {
  return {
    version: 1,
    planTitle: '推动知识产权高质量发展年度工作指引（2021）',
    year: 2021,
    generatedAt: '2021-06-11T09:30:00.000Z',
    timezone: TZ,
    round: { key: '2021-W23', startsAt: '2021-06-06T16:00:00.000Z', endsAt: '2021-06-13T16:00:00.000Z' },
    health: 'green',
    taskCount: 8,
    response: { expected: 4, reported: 4, partial: [], missing: [] },
    statusCounts: counts({ done: 4, on_track: 4 }),
    notReportedCount: 0,
    deadlineCounts: { overdue: 0, warning: 0 },
    sections: [],
    redList: [],
    indicators: [],
    changes: { hasPrevious: false, previousRoundKey: null, moves: [], newBlockers: [], completions: [] },
    countdown: { reportDeadline: '2021-12-15', daysToReportDeadline: 187, yearEnd: '2021-12-31', daysToYearEnd: 203 },
    taskStates: {},
    ...extra,
  };
}

export function budget(extra: Partial<DigestBudget> = {}): DigestBudget {
  return { redRows: 20, noteMax: 80, titleMax: 28, listMax: 20, sectionMax: 15, indicatorMax: 15, changeMax: 10, chartSections: 12, ...extra };
}

export function section(number: number | null, title: string, extra: Partial<SectionSummary> = {}): SectionSummary {
  return { number, title, taskCount: 4, avgProgress: 50, counts: counts({ done: 1, on_track: 3 }), notReported: 0, ...extra };
}

export function red(number: number, extra: Partial<RedListEntry> = {}): RedListEntry {
  return {
    taskId: 100 + number,
    number,
    title: `任务标题${number}`,
    status: 'blocked',
    deadline: 'ok',
    reasons: ['blocked'],
    department: '条法司',
    note: '缺少经费',
    evidenceUrl: null,
    reporter: '张三',
    reportedAt: '2021-06-10T02:00:00.000Z',
    progress: 10,
    ...extra,
  };
}

export const move = (number: number, from: Status, to: Status): StatusMove => ({ taskId: 100 + number, number, title: `任务标题${number}`, from, to });

