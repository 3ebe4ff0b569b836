import { describe, expect, it } from 'vitest';
import { digestTrend, percent, taskTimeline, unitHistory, type ReportVersion } from '../../src/domain/history.ts';

// History's arithmetic, row by row (the repositories and answers that feed it are tested against
// Postgres in test/usecases; this is what decides the figures people read).

describe('percent', () => {
  it('rounds to the nearest whole percent and is null with nothing expected', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(3, 3)).toBe(100);
    expect(percent(0, 4)).toBe(0);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('unitHistory', () => {
  it('sums the weeks before dividing: reported and on time over everything expected', () => {
    const weeks = [
      { key: '2021-W40', expected: 4, reported: 4, onTime: 3 },
      { key: '2021-W41', expected: 2, reported: 0, onTime: 0 },
      { key: '2021-W42', expected: 4, reported: 3, onTime: 1 },
    ];
    const h = unitHistory(weeks);
    expect(h).toEqual({ weeks, rate: 70, timeliness: 40 });
    expect(h.weeks).not.toBe(weeks);
  });

  it('has no rate while nothing was expected', () => {
    expect(unitHistory([])).toEqual({ weeks: [], rate: null, timeliness: null });
    expect(unitHistory([{ key: 'W1', expected: 0, reported: 0, onTime: 0 }])).toMatchObject({ rate: null, timeliness: null });
  });
});

describe('taskTimeline', () => {
  const at = (day: number) => new Date(Date.UTC(2021, 9, day, 2));
  const v = (day: number, department: string, status: string, progress: number, note: string, more: Partial<ReportVersion> = {}): ReportVersion => ({
    reportedAt: at(day),
    roundKey: `2021-W${day}`,
    department,
    status,
    progress,
    note,
    late: false,
    reporter: '张三',
    ...more,
  });

  it('keeps per unit, oldest first, each report that changed its status, note or progress, saying which', () => {
    const versions = [
      v(12, '保护司', 'on_track', 40, '推进中'),
      v(5, '保护司', 'on_track', 20, '启动'),
      v(6, '运用促进司', 'at_risk', 10, '人手不足', { late: true }),
      v(13, '保护司', 'on_track', 40, '推进中'), // the same card again: nothing new
      v(14, '保护司', 'on_track', 40, '已形成初稿'),
      v(15, '保护司', 'done', 100, '已形成初稿'),
      v(16, '运用促进司', 'at_risk', 30, '人手不足'),
    ];
    const t = taskTimeline(versions);
    expect(t.map((e) => [e.reportedAt.getUTCDate(), e.department, e.change])).toEqual([
      [5, '保护司', 'first'],
      [6, '运用促进司', 'first'],
      [12, '保护司', 'note'],
      [14, '保护司', 'note'],
      [15, '保护司', 'status'],
      [16, '运用促进司', 'progress'],
    ]);
    expect(t[1]).toEqual({ ...versions[2], status: 'at_risk', change: 'first' });
    expect(versions[0]!.reportedAt.getUTCDate()).toBe(12); // the input is not reordered
  });

  it('names a status change before a note change, and a note change before progress', () => {
    const t = taskTimeline([v(1, 'A', 'on_track', 10, 'a'), v(2, 'A', 'at_risk', 20, 'b'), v(3, 'A', 'at_risk', 30, 'c')]);
    expect(t.map((e) => e.change)).toEqual(['first', 'status', 'note']);
  });

  it('shows a status it does not know as none rather than inventing one', () => {
    expect(taskTimeline([v(1, 'A', 'archived', 0, '')])[0]!.status).toBeNull();
  });
});

describe('digestTrend', () => {
  const f = (weekKey: string, expected: number | null, reported: number | null, atRisk: number | null, blocked: number | null) => ({ weekKey, expected, reported, atRisk, blocked });

  it('gives each asked week its digest’s figures, in the order asked, and gaps for weeks without one', () => {
    const trend = digestTrend(['W1', 'W2', 'W3'], [f('W3', 10, 7, 2, 1), f('W1', 8, 8, 0, 0), f('W9', 1, 1, 1, 1)]);
    expect(trend).toEqual([
      { weekKey: 'W1', responseRate: 100, atRiskOrBlocked: 0 },
      { weekKey: 'W2', responseRate: null, atRiskOrBlocked: null },
      { weekKey: 'W3', responseRate: 70, atRiskOrBlocked: 3 },
    ]);
  });

  it('leaves a figure out when its digest did not record it, each on its own', () => {
    expect(digestTrend(['W1'], [f('W1', null, 3, 1, 1)])[0]).toEqual({ weekKey: 'W1', responseRate: null, atRiskOrBlocked: 2 });
    expect(digestTrend(['W1'], [f('W1', 4, null, 1, 1)])[0]).toEqual({ weekKey: 'W1', responseRate: null, atRiskOrBlocked: 2 });
    expect(digestTrend(['W1'], [f('W1', 4, 1, null, 1)])[0]).toEqual({ weekKey: 'W1', responseRate: 25, atRiskOrBlocked: null });
    expect(digestTrend(['W1'], [f('W1', 4, 1, 1, null)])[0]).toEqual({ weekKey: 'W1', responseRate: 25, atRiskOrBlocked: null });
  });
});
