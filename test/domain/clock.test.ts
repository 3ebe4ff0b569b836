import { describe, expect, it } from 'vitest';
import { shiftedClock } from '../../src/domain/clock.ts';

describe('a shifted clock for the demo', () => {
  it('starts at the given time and then runs at the real clock\'s speed', () => {
    let real = Date.UTC(2026, 11, 1, 23, 0, 0);
    const clock = shiftedClock(new Date('2021-12-06T01:30:00Z'), () => new Date(real));
    expect(clock().toISOString()).toBe('2021-12-06T01:30:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2021-12-06T01:31:30.000Z');
    real += 1;
    expect(clock().toISOString()).toBe('2021-12-06T01:31:30.001Z');
  });

  it('can run ahead of the real clock as well as behind it', () => {
    const real = Date.UTC(2021, 0, 4, 0, 0, 0);
    const clock = shiftedClock(new Date('2021-12-31T09:00:00Z'), () => new Date(real));
    expect(clock().toISOString()).toBe('2021-12-31T09:00:00.000Z');
  });
});
