import { describe, expect, it } from 'vitest';
import { cronInWords } from '../../src/domain/cron-words.ts';

describe('schedules in words', () => {
  it('names the weekday and time of the default schedules', () => {
    expect(cronInWords('0 9 * * 1')).toBe('每周一 09:00');
    expect(cronInWords('0 15 * * 4')).toBe('每周四 15:00');
    expect(cronInWords('30 17 * * 5')).toBe('每周五 17:30');
    expect(cronInWords('30 17 * * FRI')).toBe('每周五 17:30');
    expect(cronInWords('0 9 * * 0')).toBe('每周日 09:00');
    expect(cronInWords('0 9 * * 7')).toBe('每周日 09:00');
  });

  it('says every day, weekday ranges, lists and days of the month', () => {
    expect(cronInWords('5 8 * * *')).toBe('每天 08:05');
    expect(cronInWords('0 9 * * 1-5')).toBe('每周一至周五 09:00');
    expect(cronInWords('0 9 * * 1,3')).toBe('每周一、三 09:00');
    expect(cronInWords('0 9 * * 0-6')).toBe('每天 09:00');
    expect(cronInWords('0 10 1 * *')).toBe('每月 1 日 10:00');
  });

  it('leaves patterns it cannot say exactly as they are', () => {
    for (const p of ['*/15 9 * * 1', '0 9 * 6 1', '0 9 1 * 1', '0 0 9 * * 1', '0 9-17 * * 1']) expect(cronInWords(p)).toBe(p);
  });
});

describe('schedules in words: the edges', () => {
  it('reads the last minute and hour of the day, and weekday names in any case', () => {
    expect(cronInWords('59 23 * * mon')).toBe('每周一 23:59');
    expect(cronInWords('09 9 * * 1')).toBe('每周一 09:09');
    expect(cronInWords(' 0  9 * * 1 ')).toBe('每周一 09:00');
  });

  it('leaves minutes, hours and weekdays out of range as they are', () => {
    for (const p of ['60 9 * * 1', '0 24 * * 1', '0 9 * * 8', 'x9 9 * * 1', '0 9x * * 1', '0 9 * * 1x', '0 9 * * x1', '0 9 * * BAD', '0 +9 * * 1', '0 9.0 * * 1', '0 1e1 * * 1']) {
      expect(cronInWords(p), p).toBe(p);
    }
  });

  it('puts Sunday last, counts it once, and joins three or more days in a row', () => {
    expect(cronInWords('0 9 * * 0,1')).toBe('每周一、日 09:00');
    expect(cronInWords('0 9 * * 0,7')).toBe('每周日 09:00');
    expect(cronInWords('0 9 * * 2,1')).toBe('每周一、二 09:00');
    expect(cronInWords('0 9 * * 1-2')).toBe('每周一、二 09:00');
    expect(cronInWords('0 9 * * 6,0')).toBe('每周六、日 09:00');
    expect(cronInWords('0 9 * * 5-7')).toBe('每周五至周日 09:00');
    expect(cronInWords('0 9 * * 5,6,0')).toBe('每周五至周日 09:00');
    expect(cronInWords('0 9 * * 1-2,3')).toBe('每周一至周三 09:00');
    expect(cronInWords('0 9 * * MON-FRI')).toBe('每周一至周五 09:00');
    expect(cronInWords('0 9 * * 1,3-5')).toBe('每周一、三、四、五 09:00');
    expect(cronInWords('0 9 * * 1,2,3,5')).toBe('每周一、二、三、五 09:00');
    expect(cronInWords('0 9 * * 1-7')).toBe('每天 09:00');
  });

  it('leaves backward, open or stepped weekday ranges as they are', () => {
    for (const p of ['0 9 * * 5-1', '0 9 * * -1', '0 9 * * 1-', '0 9 * * 1/2', '0 9 * * L', '0 9 * * 1,', '0 9 * * 0-x']) expect(cronInWords(p), p).toBe(p);
  });

  it('names days 1 to 31 of the month, and nothing else there', () => {
    expect(cronInWords('0 9 31 * *')).toBe('每月 31 日 09:00');
    for (const p of ['0 9 0 * *', '0 9 32 * *', '0 9 1-5 * *', '0 9 1 1 *', '0 9 * 1 *']) expect(cronInWords(p), p).toBe(p);
  });
});
