import { describe, expect, it } from 'vitest';
import { isStatus, overallStatus, REPORTABLE_STATUSES, STATUSES } from '../../src/domain/status.ts';

describe('report statuses', () => {
  it('knows the six statuses and nothing else', () => {
    for (const s of STATUSES) expect(isStatus(s), s).toBe(true);
    for (const v of ['finished', '已完成', 'DONE', '', null, undefined, 5, ['done']]) expect(isStatus(v), String(v)).toBe(false);
  });

  it('lets a reporter choose every status but 待审核', () => {
    expect(REPORTABLE_STATUSES).toEqual(STATUSES.filter((s) => s !== 'pending_review'));
  });
});

describe('a task’s overall status', () => {
  it('is not started while no department is responsible', () => {
    expect(overallStatus([])).toBe('not_started');
  });

  it('is a single department’s own status', () => {
    for (const s of STATUSES) expect(overallStatus([s]), s).toBe(s);
  });

  it('counts a department without a report as not started', () => {
    expect(overallStatus([null])).toBe('not_started');
    expect(overallStatus([undefined, 'done'])).toBe('not_started');
    expect(overallStatus(['on_track', null])).toBe('not_started');
    expect(overallStatus(['blocked', null])).toBe('blocked');
  });

  it('is the worst of its departments: 受阻 > 存在风险 > 未启动 > 正常推进 > 待审核 > 已完成, whatever the order', () => {
    const worstFirst = ['blocked', 'at_risk', 'not_started', 'on_track', 'pending_review', 'done'] as const;
    worstFirst.forEach((worst, i) => {
      const better = worstFirst.slice(i + 1);
      expect(overallStatus([worst, ...better]), worst).toBe(worst);
      expect(overallStatus([...better, worst]), worst).toBe(worst);
      expect(overallStatus([...better].reverse().concat(worst)), worst).toBe(worst);
    });
    expect(overallStatus(['done', 'on_track', 'done'])).toBe('on_track');
    expect(overallStatus(['at_risk', 'blocked', 'at_risk'])).toBe('blocked');
  });
});
