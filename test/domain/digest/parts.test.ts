import { describe, expect, it } from 'vitest';
import { diffStates } from '../../../src/domain/digest/changes.ts';
import { keyPointStatus, summariseKeyPoints } from '../../../src/domain/digest/key-points.ts';
import { earlierWeekKeys, fourWeekTrend } from '../../../src/domain/digest/trend.ts';
import type { DigestKeyPointInput, DigestModel } from '../../../src/domain/digest/types.ts';
import { roundFor } from '../../../src/domain/rounds.ts';
import type { Status } from '../../../src/domain/status.ts';

// The digest's smaller parts on their own: the trend's weeks, what moved since last week, and the
// key points' block (test/domain/digest/model.test.ts builds whole digests).

const TZ = 'Asia/Shanghai';
const counts = (c: Partial<Record<Status, number>> = {}): Record<Status, number> => ({ not_started: 0, on_track: 0, at_risk: 0, blocked: 0, pending_review: 0, done: 0, ...c });

describe('earlierWeekKeys', () => {
  it('names the three weeks before, oldest first, across a year end', () => {
    expect(earlierWeekKeys(roundFor(new Date('2022-01-12T02:00:00Z'), TZ), TZ)).toEqual(['2021-W51', '2021-W52', '2022-W01']);
    expect(earlierWeekKeys(roundFor(new Date('2021-10-13T02:00:00Z'), TZ), TZ, 1)).toEqual(['2021-W40']);
    expect(earlierWeekKeys(roundFor(new Date('2021-10-13T02:00:00Z'), TZ), TZ, 0)).toEqual([]);
  });
});

describe('fourWeekTrend', () => {
  const model = (round: boolean, reported: number, expected: number, c: Partial<Record<Status, number>>) =>
    ({ round: round ? { key: '2021-W41' } : null, response: { reported, expected }, statusCounts: counts(c) }) as unknown as DigestModel;

  it('puts this week’s own figures after the earlier digests’', () => {
    const trend = fourWeekTrend(model(true, 3, 4, { at_risk: 2, blocked: 3, on_track: 9 }), ['2021-W40'], [{ weekKey: '2021-W40', expected: 4, reported: 1, atRisk: 1, blocked: 0 }], '2021-W41');
    expect(trend).toEqual([
      { weekKey: '2021-W40', responseRate: 25, atRiskOrBlocked: 1 },
      { weekKey: '2021-W41', responseRate: 75, atRiskOrBlocked: 5 },
    ]);
  });

  it('has no response rate in a week without a round', () => {
    expect(fourWeekTrend(model(false, 3, 4, { blocked: 1 }), [], [], 'W')).toEqual([{ weekKey: 'W', responseRate: null, atRiskOrBlocked: 1 }]);
  });
});

describe('diffStates', () => {
  const s = (number: number, status: Status) => ({ number, status }) as DigestModel['taskStates'][string];
  const titles = new Map([[1, '任务一'], [2, '任务二'], [3, '任务三'], [4, '任务四']]);

  it('says there is nothing to compare with before the first digest', () => {
    expect(diffStates({ 1: s(1, 'done') }, titles, null)).toEqual({ hasPrevious: false, previousRoundKey: null, moves: [], newBlockers: [], completions: [] });
    expect(diffStates({ 1: s(1, 'done') }, titles, undefined).hasPrevious).toBe(false);
  });

  it('lists every task whose status moved, by number, and among them the new blockers and completions', () => {
    const previous = { round: { key: '2021-W40' }, taskStates: { 1: s(1, 'on_track'), 2: s(2, 'on_track'), 3: s(3, 'at_risk'), 4: s(4, 'blocked') } } as unknown as DigestModel;
    const current = { 4: s(4, 'blocked'), 3: s(3, 'blocked'), 2: s(2, 'done'), 1: s(1, 'at_risk'), 9: s(9, 'done') };
    const d = diffStates(current, titles, previous);
    expect(d.hasPrevious).toBe(true);
    expect(d.previousRoundKey).toBe('2021-W40');
    expect(d.moves).toEqual([
      { taskId: 1, number: 1, title: '任务一', from: 'on_track', to: 'at_risk' },
      { taskId: 2, number: 2, title: '任务二', from: 'on_track', to: 'done' },
      { taskId: 3, number: 3, title: '任务三', from: 'at_risk', to: 'blocked' },
    ]);
    expect(d.newBlockers.map((m) => m.number)).toEqual([3]);
    expect(d.completions.map((m) => m.number)).toEqual([2]);
  });

  it('gives a task without a title an empty one and a previous digest without a round no key', () => {
    const d = diffStates({ 7: s(7, 'done') }, titles, { round: null, taskStates: { 7: s(7, 'on_track') } } as unknown as DigestModel);
    expect(d.previousRoundKey).toBeNull();
    expect(d.moves[0]!.title).toBe('');
  });
});

describe('key points', () => {
  const u = (region: boolean, status: Status | null, reportedThisRound = false) => ({ region, status, reportedThisRound });

  it('takes the worst of the bureau’s departments, ignoring the regions while a department carries it', () => {
    expect(keyPointStatus([u(false, 'on_track'), u(false, 'at_risk'), u(true, 'blocked')])).toEqual({ status: 'at_risk', reported: true });
    expect(keyPointStatus([u(false, null), u(true, 'done')])).toEqual({ status: 'not_started', reported: false });
  });

  it('takes the regions’ worst when only regions carry it', () => {
    expect(keyPointStatus([u(true, 'done'), u(true, 'blocked')])).toEqual({ status: 'blocked', reported: true });
    expect(keyPointStatus([u(true, null)])).toEqual({ status: 'not_started', reported: false });
  });

  it('counts the reported key points by state, the unreported apart, the units’ answers, and lists blocked then at risk', () => {
    const kp = (number: number, units: DigestKeyPointInput['units']): DigestKeyPointInput => ({ number, title: `要点${number}`, units });
    const digest = summariseKeyPoints([
      kp(5, [u(false, 'at_risk', true), u(true, 'done', true)]),
      kp(2, [u(true, 'blocked', true), u(true, null)]),
      kp(3, [u(false, null), u(false, null)]),
      kp(1, [u(false, 'done', true)]),
      kp(4, [u(false, 'blocked')]),
      kp(6, [u(false, 'at_risk', true)]),
    ]);
    expect(digest).toEqual({
      count: 6,
      counts: counts({ at_risk: 2, blocked: 2, done: 1 }),
      notReported: 1,
      unitsExpected: 9,
      unitsReported: 5,
      attention: [
        { number: 2, title: '要点2', status: 'blocked' },
        { number: 4, title: '要点4', status: 'blocked' },
        { number: 5, title: '要点5', status: 'at_risk' },
        { number: 6, title: '要点6', status: 'at_risk' },
      ],
    });
  });

  it('has no block for a plan without key points', () => {
    expect(summariseKeyPoints([])).toBeNull();
  });
});
