import { beforeEach, describe, expect, it } from 'vitest';
import { buildDigestModel, buildDigestModelFromSummary, zeroCounts } from '../../../src/domain/digest/model.ts';
import { summariseDigestInput } from '../../../src/domain/digest/summary.ts';
import type { DigestInput, DigestModel, DigestTaskInput } from '../../../src/domain/digest/types.ts';
import type { Status } from '../../../src/domain/status.ts';
import { NOW, ROUND, TZ, dept } from './fixture.ts';

// The figures leadership reads in the weekly digest, exactly: counts by state over the reported
// tasks, 未填报 apart, 逾期 and 预警, each section's tasks and progress, the red list's order.

const counts = (c: Partial<Record<Status, number>> = {}): Record<Status, number> => ({ ...zeroCounts(), ...c });

const task = (
  id: number,
  number: number,
  section: number | null,
  dueDate: string | null,
  departments: DigestTaskInput['departments'],
  deadlineKind: string | null = 'year_end',
): DigestTaskInput => ({ id, number, title: `任务${number}`, section, deadlineKind, dueDate, departments });

/**
 * Friday 2021-06-11 in Shanghai. Tasks 5 and 6 were due on 1 June (逾期), task 1 is due on 30 June
 * (预警), task 2 is done although its due date is near, task 3 nobody reported, task 4 is at risk
 * with no due date at all. Sections: 1 and 2 titled, 3 untitled, and a task in no section.
 */
function figuresWeek(): DigestInput {
  return {
    plan: { title: '2021年全国知识产权行政保护工作方案', year: 2021, reportDeadline: '2021-12-15' },
    round: ROUND,
    sections: [
      { number: 2, title: '加强知识产权行政保护' },
      { number: 1, title: '强化知识产权全链条保护' },
    ],
    tasks: [
      task(201, 1, 2, '2021-06-30', [dept(3, '保护司', 'on_track', { progress: 40 })]),
      task(203, 3, null, null, [dept(9, '办公室', null)], null),
      task(204, 4, 3, null, [dept(4, '运用促进司', 'at_risk', { progress: 25 })], '其他'),
      task(206, 6, 1, '2021-06-01', [dept(2, '条法司', 'pending_review', { progress: 90 })]),
      task(205, 5, 1, '2021-06-01', [dept(3, '保护司', 'on_track', { progress: 33 })]),
      task(202, 2, 2, '2021-06-30', [dept(2, '条法司', 'done', { progress: 80 })]),
    ],
    indicators: [
      { id: 1, name: '专利侵权纠纷行政裁决案件结案周期', comparator: '<=', target: 4, unit: '个月', latest: { value: 3.5, reportedAt: new Date('2021-06-08T03:00:00Z') } },
      { id: 2, name: '知识产权保护社会满意度', comparator: '>=', target: 80, unit: '分', latest: null },
    ],
    now: NOW,
    timezone: TZ,
  };
}

describe('the digest’s figures for a week', () => {
  let model: DigestModel;
  beforeEach(() => {
    model = buildDigestModel(figuresWeek());
  });

  it('names the plan, its year, the time it was made and the round', () => {
    expect(model.version).toBe(1);
    expect(model.planTitle).toBe('2021年全国知识产权行政保护工作方案');
    expect(model.year).toBe(2021);
    expect(model.timezone).toBe('Asia/Shanghai');
    expect(model.generatedAt).toBe('2021-06-11T09:30:00.000Z');
    expect(model.taskCount).toBe(6);
  });

  it('counts the reported tasks by state and the never-reported apart', () => {
    expect(model.statusCounts).toEqual(counts({ on_track: 2, at_risk: 1, pending_review: 1, done: 1 }));
    expect(model.notReportedCount).toBe(1);
  });

  it('counts 逾期 and 预警 over unfinished tasks only', () => {
    expect(model.deadlineCounts).toEqual({ overdue: 2, warning: 1 });
    expect(model.health).toBe('red');
  });

  it('summarises each section in number order, an untitled one by its number and tasks in no section last', () => {
    expect(model.sections).toEqual([
      { number: 1, title: '强化知识产权全链条保护', taskCount: 2, avgProgress: 62, counts: counts({ on_track: 1, pending_review: 1 }), notReported: 0 }, // (33 + 90) / 2 = 61.5
      { number: 2, title: '加强知识产权行政保护', taskCount: 2, avgProgress: 70, counts: counts({ on_track: 1, done: 1 }), notReported: 0 }, // a done task counts 100 %
      { number: 3, title: '第3部分', taskCount: 1, avgProgress: 25, counts: counts({ at_risk: 1 }), notReported: 0 },
      { number: null, title: '未分部分', taskCount: 1, avgProgress: 0, counts: counts(), notReported: 1 },
    ]);
  });

  it('lists the red tasks worst first, then the least advanced, then by number', () => {
    expect(model.redList.map((e) => [e.number, e.reasons, e.deadline, e.progress])).toEqual([
      [5, ['overdue'], 'overdue', 33],
      [6, ['overdue'], 'overdue', 90],
      [4, ['at_risk'], 'ok', 25],
      [1, ['warning'], 'warning', 40],
    ]);
    expect(model.redList[0]).toMatchObject({ taskId: 205, title: '任务5', status: 'on_track', department: '保护司', note: '保护司的说明', reporter: '保护司填报人' });
  });

  it('keeps every task’s state and progress for next week’s comparison, a done task at 100 %', () => {
    expect(model.taskStates).toEqual({
      201: { number: 1, status: 'on_track', progress: 40 },
      202: { number: 2, status: 'done', progress: 100 },
      203: { number: 3, status: 'not_started', progress: 0 },
      204: { number: 4, status: 'at_risk', progress: 25 },
      205: { number: 5, status: 'on_track', progress: 33 },
      206: { number: 6, status: 'pending_review', progress: 90 },
    });
  });

  it('gives each indicator its figure, unit, target and the time it was reported', () => {
    expect(model.indicators).toEqual([
      { name: '专利侵权纠纷行政裁决案件结案周期', comparator: '<=', target: 4, unit: '个月', value: 3.5, reportedAt: '2021-06-08T03:00:00.000Z', met: true },
      { name: '知识产权保护社会满意度', comparator: '>=', target: 80, unit: '分', value: null, reportedAt: null, met: null },
    ]);
  });

  it('has the departments’ answers but no regions’ or key points’ part when the plan has none', () => {
    expect(model.response).toEqual({ expected: 4, reported: 3, partial: [], missing: ['办公室'] });
    expect('regionResponse' in model).toBe(false);
    expect('keyPoints' in model).toBe(false);
  });

  it('names the tasks that moved since the stored digest', () => {
    const previous: Pick<DigestModel, 'round' | 'taskStates'> = { round: { key: '2021-W22', startsAt: '', endsAt: '' }, taskStates: { ...model.taskStates, 204: { number: 4, status: 'on_track', progress: 10 } } };
    const next = buildDigestModel(figuresWeek(), previous);
    expect(next.changes).toEqual({
      hasPrevious: true,
      previousRoundKey: '2021-W22',
      moves: [{ taskId: 204, number: 4, title: '任务4', from: 'on_track', to: 'at_risk' }],
      newBlockers: [],
      completions: [],
    });
  });
});

describe('the digest’s health', () => {
  const healthOf = (status: Status, dueDate: string | null) =>
    buildDigestModel({ ...figuresWeek(), tasks: [task(301, 1, 1, dueDate, [dept(1, '战略规划司', status)])] }).health;

  it('is red with a blocked or an overdue task', () => {
    expect(healthOf('blocked', null)).toBe('red');
    expect(healthOf('on_track', '2021-06-10')).toBe('red');
  });

  it('is orange with a task at risk or 预警 but none blocked or overdue', () => {
    expect(healthOf('at_risk', null)).toBe('orange');
    expect(healthOf('on_track', '2021-07-11')).toBe('orange');
  });

  it('is green otherwise, a done task past its date included', () => {
    expect(healthOf('on_track', '2021-07-12')).toBe('green');
    expect(healthOf('done', '2021-06-01')).toBe('green');
    expect(healthOf('on_track', '2021-06-11')).toBe('orange'); // due today: 预警, not yet 逾期
  });
});

describe('due dates from the deadline kind', () => {
  const late = (now: string, deadlineKind: string | null) => {
    const m = buildDigestModel({ ...figuresWeek(), now: new Date(now), tasks: [task(301, 1, 1, null, [dept(1, '战略规划司', 'on_track')], deadlineKind)] });
    return [m.deadlineCounts, m.redList.map((e) => e.deadline)];
  };

  it('falls due on 31 December of the plan year for 年底前完成 and 年内有阶段性成果', () => {
    expect(late('2021-12-01T02:00:00Z', 'year_end')).toEqual([{ overdue: 0, warning: 1 }, ['warning']]);
    expect(late('2021-12-01T02:00:00Z', 'milestone')).toEqual([{ overdue: 0, warning: 1 }, ['warning']]);
    expect(late('2022-01-01T02:00:00Z', 'year_end')).toEqual([{ overdue: 1, warning: 0 }, ['overdue']]);
    expect(late('2021-11-30T02:00:00Z', 'year_end')).toEqual([{ overdue: 0, warning: 0 }, []]);
  });

  it('never falls due without a kind or a date', () => {
    expect(late('2022-03-01T02:00:00Z', null)).toEqual([{ overdue: 0, warning: 0 }, []]);
  });

  it('works each shared due date out once yet counts every task on it', () => {
    const input = figuresWeek();
    input.tasks = [1, 2, 3].map((n) => task(300 + n, n, 1, '2021-06-01', [dept(1, '战略规划司', 'on_track')]));
    expect(buildDigestModel(input).deadlineCounts).toEqual({ overdue: 3, warning: 0 });
  });
});

describe('the digest without a round, a report deadline, regions or key points', () => {
  it('has no round and no days to the report deadline', () => {
    const m = buildDigestModel({ ...figuresWeek(), round: null, plan: { title: '计划', year: 2021, reportDeadline: null } });
    expect(m.round).toBeNull();
    expect(m.countdown).toEqual({ reportDeadline: null, daysToReportDeadline: null, yearEnd: '2021-12-31', daysToYearEnd: 203 });
  });

  it('adds the regional offices’ answers and the key points when there are any', () => {
    const summary = summariseDigestInput(figuresWeek());
    const m = buildDigestModelFromSummary({
      ...summary,
      regionResponses: [
        { departmentId: 41, name: '北京市知识产权局', expected: 2, reported: 2 },
        { departmentId: 42, name: '上海市知识产权局', expected: 2, reported: 0 },
      ],
      keyPoints: [{ number: 2, title: '要点2', units: [{ region: true, status: 'blocked', reportedThisRound: true }] }],
    });
    expect(m.regionResponse).toEqual({ expected: 2, reported: 1, partial: [], missing: ['上海市知识产权局'] });
    expect(m.keyPoints).toMatchObject({ count: 1, attention: [{ number: 2, title: '要点2', status: 'blocked' }] });
  });

  it('leaves both out when their lists are empty', () => {
    const m = buildDigestModelFromSummary({ ...summariseDigestInput(figuresWeek()), regionResponses: [], keyPoints: [] });
    expect('regionResponse' in m).toBe(false);
    expect('keyPoints' in m).toBe(false);
  });
});
