import { describe, expect, it } from 'vitest';
import { formatLocalTime, isWithinRound, previousRound, roundByKey, roundFor } from '../../src/domain/rounds.ts';

// Round keys as typed on the command line (`--round 2021-W41`) and the edges of a round's week.

const TZ = 'Asia/Shanghai';

describe('roundByKey', () => {
  it('reads a four-digit year and a two-digit ISO week, nothing before or after', () => {
    expect(roundByKey('2021-W41', TZ)).toEqual({ key: '2021-W41', startsAt: new Date('2021-10-10T16:00:00Z'), endsAt: new Date('2021-10-17T16:00:00Z') });
    for (const bad of ['x2021-W41', '2021-W41x', '21-W41', '2021-W4', 'abcd-W41', '2021-Wab', '2021-W041', '2021W41', '']) expect(roundByKey(bad, TZ), bad).toBeNull();
  });

  it('refuses a week the year does not have', () => {
    expect(roundByKey('2021-W53', TZ)).toBeNull(); // 2021 has 52 ISO weeks
    expect(roundByKey('2020-W53', TZ)?.key).toBe('2020-W53');
    expect(roundByKey('2021-W00', TZ)).toBeNull();
  });
});

describe('roundFor', () => {
  it('refuses a time zone it does not know, naming it', () => {
    expect(() => roundFor(new Date('2021-10-12T00:00:00Z'), 'Mars/Olympus')).toThrow(new RangeError('invalid timezone: Mars/Olympus'));
  });
});

describe('isWithinRound', () => {
  it('includes the first millisecond of the week and excludes the first of the next', () => {
    const r = roundByKey('2021-W41', TZ)!;
    expect(isWithinRound(r.startsAt, r)).toBe(true);
    expect(isWithinRound(new Date(r.startsAt.getTime() - 1), r)).toBe(false);
    expect(isWithinRound(new Date(r.endsAt.getTime() - 1), r)).toBe(true);
    expect(isWithinRound(r.endsAt, r)).toBe(false);
    expect(isWithinRound(new Date(r.endsAt.getTime() + 86_400_000), r)).toBe(false);
  });
});

describe('formatLocalTime', () => {
  it('writes the local date, hours and minutes in the zone given', () => {
    const at = new Date('2021-10-12T16:05:59Z');
    expect(formatLocalTime(at, TZ)).toBe('2021-10-13 00:05');
    expect(formatLocalTime(at, 'UTC')).toBe('2021-10-12 16:05');
    expect(formatLocalTime(at, 'America/New_York')).toBe('2021-10-12 12:05');
  });
});

describe('previousRound', () => {
  it('is the week before, across the ISO year', () => {
    const first = roundByKey('2021-W01', TZ)!;
    expect(previousRound(first, TZ)).toEqual({ key: '2020-W53', startsAt: new Date('2020-12-27T16:00:00Z'), endsAt: new Date('2021-01-03T16:00:00Z') });
  });
});

describe('roundByKey in an unknown time zone', () => {
  it('finds no round', () => {
    expect(roundByKey('2021-W41', 'Mars/Olympus')).toBeNull();
  });
});
