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
