import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeRound, formatLocalTime, isLate, isWithinRound, previousRound, roundByKey, roundFor } from '../../src/domain/rounds.ts';

const TZ = 'Asia/Shanghai';

describe('rounds are ISO weeks in the organisation timezone', () => {
  it('a Wednesday belongs to the week starting Monday 00:00 Shanghai time', () => {
    const r = roundFor(new Date('2021-06-09T06:00:00Z'), TZ);
    expect(r.key).toBe('2021-W23');
    expect(r.startsAt.toISOString()).toBe('2021-06-06T16:00:00.000Z');
    expect(r.endsAt.toISOString()).toBe('2021-06-13T16:00:00.000Z');
  });

  it('Sunday 23:30 UTC is already Monday in Shanghai, so it opens the next week', () => {
    expect(roundFor(new Date('2021-06-13T17:30:00Z'), TZ).key).toBe('2021-W24');
    expect(roundFor(new Date('2021-06-13T15:59:59Z'), TZ).key).toBe('2021-W23');
  });

  it('uses the ISO week-year at year boundaries', () => {
    expect(roundFor(new Date('2021-01-02T04:00:00Z'), TZ).key).toBe('2020-W53');
    expect(roundFor(new Date('2024-12-31T04:00:00Z'), TZ).key).toBe('2025-W01');
  });

  it('finds a round by its key and the one before it', () => {
    const r = roundByKey('2021-W23', TZ);
    expect(r?.startsAt.toISOString()).toBe('2021-06-06T16:00:00.000Z');
    expect(previousRound(r!, TZ).key).toBe('2021-W22');
    expect(roundByKey('2021-23', TZ)).toBeNull();
    expect(roundByKey('2021-W60', TZ)).toBeNull();
  });

  it('a submission is late after the round is closed or its week is over', () => {
    const r = roundFor(new Date('2021-06-09T06:00:00Z'), TZ);
    const closedAt = new Date('2021-06-11T09:00:00Z');
    expect(isLate(new Date('2021-06-11T08:59:59Z'), { ...r, closedAt })).toBe(false);
    expect(isLate(new Date('2021-06-11T09:00:00Z'), { ...r, closedAt })).toBe(true);
    expect(isLate(new Date('2021-06-12T09:00:00Z'), { ...r, closedAt: null })).toBe(false);
    expect(isLate(r.endsAt, r)).toBe(true);
    expect(isWithinRound(new Date('2021-06-09T06:00:00Z'), r)).toBe(true);
  });

  it('shows times and weeks in local time', () => {
    expect(formatLocalTime(new Date('2021-06-09T06:05:00Z'), TZ)).toBe('2021-06-09 14:05');
    expect(describeRound(roundFor(new Date('2021-06-09T06:00:00Z'), TZ), TZ)).toBe('2021-W23（06-07 至 06-13）');
  });

  it('writes a local time as luxon’s yyyy-MM-dd HH:mm would, across zones, midnights and DST changes', () => {
    for (const zone of [TZ, 'UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin']) {
      for (let i = 0; i < 2000; i++) {
        const at = new Date(Date.UTC(2021, 0, 1) + i * 4.37 * 3_600_000 + (i % 60) * 60_000);
        expect(formatLocalTime(at, zone)).toBe(DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm'));
      }
    }
  });
});
