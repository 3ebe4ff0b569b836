import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeQuietHours, endOfQuiet, formatMinutes, isQuiet, parseQuietHours } from '../../../src/domain/calendar/quiet-hours.ts';

// QUIET_HOURS as an operator writes it, and the minute arithmetic the reminders rely on.

const TZ = 'Asia/Shanghai';
const at = (hh: number, mm: number) => DateTime.fromObject({ year: 2021, month: 10, day: 12, hour: hh, minute: mm, second: 30 }, { zone: TZ });

describe('parseQuietHours', () => {
  it('reads HH:MM-HH:MM with -, – or ~ and spaces, in minutes after midnight', () => {
    expect(parseQuietHours('20:00-08:00')).toEqual({ start: 1200, end: 480 });
    expect(parseQuietHours(' 9:05 – 17:30 ')).toEqual({ start: 545, end: 1050 });
    expect(parseQuietHours('23:59~0:01')).toEqual({ start: 1439, end: 1 });
  });

  it('takes off or nothing as no quiet hours', () => {
    expect(parseQuietHours('off')).toBeNull();
    expect(parseQuietHours(' off ')).toBeNull();
    expect(parseQuietHours('')).toBeNull();
    expect(parseQuietHours('   ')).toBeNull();
  });

  it('refuses what is not a span, naming the text and the form', () => {
    for (const bad of ['20:00', '20:00-', '-08:00', '24:00-08:00', '20:60-08:00', '20:00-08:00-09:00', 'night', '2000-0800']) {
      const r = parseQuietHours(bad);
      expect(r, bad).toBeInstanceOf(Error);
      expect((r as Error).message).toBe(`「${bad}」不是时段，应写作 HH:MM-HH:MM（例如 20:00-08:00），或 off 表示不设免打扰`);
    }
  });

  it('refuses a span that starts where it ends', () => {
    expect((parseQuietHours('08:00-8:00') as Error).message).toBe('「08:00-8:00」起止相同；不设免打扰请写 off');
  });
});

describe('formatting', () => {
  it('writes minutes as HH:MM and a span with an en dash', () => {
    expect(formatMinutes(0)).toBe('00:00');
    expect(formatMinutes(545)).toBe('09:05');
    expect(formatMinutes(1439)).toBe('23:59');
    expect(describeQuietHours({ start: 1200, end: 480 })).toBe('20:00–08:00');
  });
});

describe('isQuiet', () => {
  it('wraps past midnight when the span does: start inclusive, end exclusive', () => {
    const night = { start: 1200, end: 480 };
    expect(isQuiet(at(19, 59), night)).toBe(false);
    expect(isQuiet(at(20, 0), night)).toBe(true);
    expect(isQuiet(at(23, 59), night)).toBe(true);
    expect(isQuiet(at(0, 0), night)).toBe(true);
    expect(isQuiet(at(7, 59), night)).toBe(true);
    expect(isQuiet(at(8, 0), night)).toBe(false);
    expect(isQuiet(at(12, 0), night)).toBe(false);
  });

  it('within one day when it does not', () => {
    const lunch = { start: 720, end: 810 };
    expect(isQuiet(at(11, 59), lunch)).toBe(false);
    expect(isQuiet(at(12, 0), lunch)).toBe(true);
    expect(isQuiet(at(13, 29), lunch)).toBe(true);
    expect(isQuiet(at(13, 30), lunch)).toBe(false);
    expect(isQuiet(at(1, 0), lunch)).toBe(false);
  });
});

describe('endOfQuiet', () => {
  it('is the next time the clock reads the end: today before it, tomorrow after it', () => {
    const night = { start: 1200, end: 485 };
    expect(endOfQuiet(at(2, 0), night).toISO()).toBe('2021-10-12T08:05:00.000+08:00');
    expect(endOfQuiet(at(21, 0), night).toISO()).toBe('2021-10-13T08:05:00.000+08:00');
    // exactly at the end (seconds dropped): the next day, since the period has just ended
    expect(endOfQuiet(DateTime.fromISO('2021-10-12T08:05:00', { zone: TZ }), night).toISO()).toBe('2021-10-13T08:05:00.000+08:00');
  });
});
