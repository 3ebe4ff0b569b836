import { beforeEach, describe, expect, it } from 'vitest';
import { buildDigestModel } from '../../../src/domain/digest/model.ts';
import type { DigestModel } from '../../../src/domain/digest/types.ts';
import { meetsTarget } from '../../../src/domain/digest/indicators.ts';
import { daysUntil } from '../../../src/domain/digest/countdown.ts';
import { hugeWeek, seededWeek, TZ } from './fixture.ts';

// Built afresh before each test, not once when the file is read: Stryker switches a mutant on after
// the file is collected, so a model built at collection would never meet the mutant the test should catch.
describe('buildDigestModel for a seeded week', () => {
  let model: DigestModel;
  beforeEach(() => {
    model = buildDigestModel(seededWeek());
  });

  it('gives the round and its dates', () => {
    expect(model.round).toEqual({ key: '2021-W23', startsAt: '2021-06-06T16:00:00.000Z', endsAt: '2021-06-13T16:00:00.000Z' });
    expect(model.generatedAt).toBe('2021-06-11T09:30:00.000Z');
  });

  it('counts a department as reported only when it reported all its tasks, and lists the others', () => {
    expect(model.response.expected).toBe(4);
    expect(model.response.reported).toBe(2); // 战略规划司, 条法司
    expect(model.response.missing).toEqual(['运用促进司']);
    expect(model.response.partial).toEqual([{ name: '保护司', reported: 1, expected: 2 }]);
  });

  it('counts tasks by their worst department status', () => {
    expect(model.statusCounts).toEqual({ pending_review: 0, blocked: 1, done: 1, not_started: 1, at_risk: 1, on_track: 0 });
    expect(model.deadlineCounts).toEqual({ overdue: 1, warning: 0 });
    expect(model.health).toBe('red');
  });

  it('summarises progress by section in document order', () => {
    expect(model.sections.map((s) => [s.number, s.taskCount, s.avgProgress, s.counts.done])).toEqual([
      [1, 2, 65, 1], // (30 + 100) / 2
      [2, 2, 18, 0], // (15 + 20) / 2 rounded
    ]);
  });

  it('puts blocked, at-risk and overdue tasks on the red list, worst first, with the explaining note', () => {
    expect(model.redList.map((e) => [e.number, e.reasons])).toEqual([
      [1, ['blocked']],
      [4, ['at_risk', 'overdue']],
    ]);
    const blocked = model.redList[0]!;
    expect(blocked.department).toBe('条法司');
    expect(blocked.note).toBe('缺少经费 <at id=all></at> **紧急**'); // raw in the model, escaped when rendered
    expect(blocked.reporter).toBe('条法司填报人');
    expect(blocked.reportedAt).toBe('2021-06-10T02:00:00.000Z');
  });

  it('compares indicators with their targets by comparator', () => {
    expect(model.indicators.map((i) => [i.name, i.value, i.met])).toEqual([
      ['发明专利审查周期', 18.2, true],
      ['专利商标质押融资规模', null, null],
      ['融资惠及企业数量增长率', 10, false],
    ]);
  });

  it('counts down to the report deadline and to year end in local days', () => {
    expect(model.countdown).toEqual({ reportDeadline: '2021-12-15', daysToReportDeadline: 187, yearEnd: '2021-12-31', daysToYearEnd: 203 });
  });

  it('reports no changes on the first digest', () => {
    expect(model.changes).toEqual({ hasPrevious: false, previousRoundKey: null, moves: [], newBlockers: [], completions: [] });
  });
});

describe('changes since the previous digest', () => {
  it('lists status moves, new blockers and completions against the stored model', () => {
    const previous = buildDigestModel(seededWeek());
    previous.round = { key: '2021-W22', startsAt: '', endsAt: '' };
    previous.taskStates['101'] = { number: 1, status: 'on_track', progress: 30 };
    previous.taskStates['102'] = { number: 2, status: 'on_track', progress: 80 };
    delete previous.taskStates['104']; // a task new this week is not a move
    const model = buildDigestModel(seededWeek(), JSON.parse(JSON.stringify(previous)));
    expect(model.changes.hasPrevious).toBe(true);
    expect(model.changes.previousRoundKey).toBe('2021-W22');
    expect(model.changes.moves.map((m) => [m.number, m.from, m.to])).toEqual([
      [1, 'on_track', 'blocked'],
      [2, 'on_track', 'done'],
    ]);
    expect(model.changes.newBlockers.map((m) => m.number)).toEqual([1]);
    expect(model.changes.completions.map((m) => m.title)).toEqual(['完善知识产权法律法规']);
  });
});

describe('digest rules', () => {
  it('meets targets by each comparator', () => {
    expect(meetsTarget(18.5, '<=', 18.5)).toBe(true);
    expect(meetsTarget(18.6, '<=', 18.5)).toBe(false);
    expect(meetsTarget(4, '=', 4)).toBe(true);
    expect(meetsTarget(4.1, '=', 4)).toBe(false);
    expect(meetsTarget(2400, '>=', 2400)).toBe(true);
    expect(meetsTarget(10, '>', 10)).toBe(false);
    expect(meetsTarget(10.5, '>', 10)).toBe(true);
  });

  it('counts days in the local timezone, negative once passed', () => {
    // 2021-12-15 00:30 in Shanghai is still 12-14 in UTC
    expect(daysUntil('2021-12-15', new Date('2021-12-14T16:30:00Z'), TZ)).toBe(0);
    expect(daysUntil('2021-12-15', new Date('2021-12-16T02:00:00Z'), TZ)).toBe(-1);
  });

  it('marks unfinished tasks 预警 in the last 30 days and a plan with nothing wrong green', () => {
    const input = seededWeek();
    input.tasks = input.tasks.filter((t) => t.number === 2);
    expect(buildDigestModel(input).health).toBe('green');
    const late = hugeWeek(10, 3, 10);
    const m = buildDigestModel(late);
    expect(m.redList.every((e) => e.reasons.includes('warning'))).toBe(true);
  });

  it('builds the model for 1,000 tasks × 50 departments with bounded notes', () => {
    // speed is measured by bench/digest.ts; here only the shape at that size
    const m = buildDigestModel(hugeWeek());
    expect(m.taskCount).toBe(1000);
    expect(m.response.expected).toBe(50);
    expect(m.response.missing).toHaveLength(8); // departments 1, 8, 15 … skipped this round
    expect(m.redList).toHaveLength(1000);
    expect(Math.max(...m.redList.map((e) => [...e.note].length))).toBeLessThanOrEqual(200);
    expect(m.redList.every((e) => e.note.endsWith('…'))).toBe(true);
  });

  it('marks a note shortened even when collapsing its whitespace hides the cut', () => {
    const input = seededWeek();
    input.tasks[0]!.departments[1]!.note = `${' '.repeat(300)}经费${' '.repeat(300)}不足`;
    expect(buildDigestModel(input).redList[0]!.note).toBe('经费…');
  });
});
