import { describe, expect, it } from 'vitest';
import { countdown, daysUntil } from '../../../src/domain/digest/countdown.ts';
import { meetsTarget, summariseIndicators } from '../../../src/domain/digest/indicators.ts';

// The digest's countdowns (days to the report deadline and to year end) and its indicators against
// their targets.

describe('daysUntil', () => {
  it('counts whole local days, whatever the time of day', () => {
    // Friday 17:30 in Shanghai: Saturday is one day away, not 0.27
    expect(daysUntil('2021-06-12', new Date('2021-06-11T09:30:00Z'), 'Asia/Shanghai')).toBe(1);
    expect(daysUntil('2021-06-11', new Date('2021-06-11T15:59:00Z'), 'Asia/Shanghai')).toBe(0);
    expect(daysUntil('2021-06-11', new Date('2021-06-11T16:00:00Z'), 'Asia/Shanghai')).toBe(-1);
  });

  it('reads the date in the plan’s time zone, far from UTC too', () => {
    // 00:30 on 14 December at UTC+14 is still 13 December in UTC
    expect(daysUntil('2021-12-15', new Date('2021-12-13T10:30:00Z'), 'Pacific/Kiritimati')).toBe(1);
    expect(daysUntil('2021-12-15', new Date('2021-12-15T10:30:00Z'), 'Pacific/Pago_Pago')).toBe(1);
  });

  it('stays whole across a daylight-saving change', () => {
    // 28 March 2021 has 23 hours in Berlin
    expect(daysUntil('2021-03-29', new Date('2021-03-27T11:00:00Z'), 'Europe/Berlin')).toBe(2);
    expect(daysUntil('2021-11-01', new Date('2021-10-30T11:00:00Z'), 'Europe/Berlin')).toBe(2);
  });
});

describe('countdown', () => {
  it('counts to the report deadline and to 31 December of the plan year', () => {
    expect(countdown('2021-12-15', 2021, new Date('2021-12-01T02:00:00Z'), 'Asia/Shanghai')).toEqual({
      reportDeadline: '2021-12-15',
      daysToReportDeadline: 14,
      yearEnd: '2021-12-31',
      daysToYearEnd: 30,
    });
  });

  it('goes negative once the dates have passed, and has no report countdown without a deadline', () => {
    expect(countdown('2021-12-15', 2021, new Date('2022-01-05T02:00:00Z'), 'Asia/Shanghai')).toEqual({
      reportDeadline: '2021-12-15',
      daysToReportDeadline: -21,
      yearEnd: '2021-12-31',
      daysToYearEnd: -5,
    });
    expect(countdown(null, 2022, new Date('2022-12-31T02:00:00Z'), 'Asia/Shanghai')).toEqual({
      reportDeadline: null,
      daysToReportDeadline: null,
      yearEnd: '2022-12-31',
      daysToYearEnd: 0,
    });
  });
});

describe('meetsTarget at the edges', () => {
  it('压减至 is met at or under the target', () => {
    expect(meetsTarget(18.4, '<=', 18.5)).toBe(true);
    expect(meetsTarget(18.5, '<=', 18.5)).toBe(true);
    expect(meetsTarget(18.51, '<=', 18.5)).toBe(false);
  });

  it('达 is met at or over the target, 超过 only over it', () => {
    expect(meetsTarget(2399.9, '>=', 2400)).toBe(false);
    expect(meetsTarget(2400.1, '>=', 2400)).toBe(true);
    expect(meetsTarget(9.9, '>', 10)).toBe(false);
  });

  it('稳定在 is met within rounding on either side, not a tenth off', () => {
    expect(meetsTarget(0.1 + 0.2, '=', 0.3)).toBe(true);
    expect(meetsTarget(0.3, '=', 0.1 + 0.2)).toBe(true);
    expect(meetsTarget(3.9, '=', 4)).toBe(false);
    expect(meetsTarget(4.1, '=', 4)).toBe(false);
  });
});

describe('summariseIndicators', () => {
  it('gives each indicator its latest figure and whether it meets the target, nothing when unreported', () => {
    expect(
      summariseIndicators([
        { id: 1, name: '发明专利审查周期', comparator: '<=', target: 18.5, unit: '个月', latest: { value: 19, reportedAt: new Date('2021-06-08T03:00:00Z') } },
        { id: 2, name: '高价值发明专利拥有量', comparator: '>=', target: 7.5, unit: '件/万人', latest: { value: 0, reportedAt: new Date('2021-06-09T03:00:00Z') } },
        { id: 3, name: '专利商标质押融资规模', comparator: '>=', target: 2400, unit: '亿元', latest: null },
      ]),
    ).toEqual([
      { name: '发明专利审查周期', comparator: '<=', target: 18.5, unit: '个月', value: 19, reportedAt: '2021-06-08T03:00:00.000Z', met: false },
      { name: '高价值发明专利拥有量', comparator: '>=', target: 7.5, unit: '件/万人', value: 0, reportedAt: '2021-06-09T03:00:00.000Z', met: false },
      { name: '专利商标质押融资规模', comparator: '>=', target: 2400, unit: '亿元', value: null, reportedAt: null, met: null },
    ]);
    expect(summariseIndicators([])).toEqual([]);
  });
});
