import { describe, expect, it } from 'vitest';
import { cardTiming } from '../../src/domain/late-cards.ts';

const round = { endsAt: new Date('2021-06-14T00:00:00+08:00'), closedAt: new Date('2021-06-11T17:00:00+08:00') };
const at = (iso: string) => new Date(iso);

describe('card timing', () => {
  it('is on time before the round closes, late within the grace after, expired beyond it', () => {
    expect(cardTiming(at('2021-06-11T16:59:00+08:00'), round, 7)).toBe('on_time');
    expect(cardTiming(at('2021-06-11T17:00:00+08:00'), round, 7)).toBe('late');
    expect(cardTiming(at('2021-06-18T17:00:00+08:00'), round, 7)).toBe('late');
    expect(cardTiming(at('2021-06-18T17:00:01+08:00'), round, 7)).toBe('expired');
  });

  it('counts from the end of the week when the round was never closed', () => {
    const open = { endsAt: round.endsAt, closedAt: null };
    expect(cardTiming(at('2021-06-13T23:59:00+08:00'), open, 7)).toBe('on_time');
    expect(cardTiming(at('2021-06-20T23:59:00+08:00'), open, 7)).toBe('late');
    expect(cardTiming(at('2021-06-21T00:00:01+08:00'), open, 7)).toBe('expired');
  });

  it('with no grace, any late card is refused', () => {
    expect(cardTiming(at('2021-06-11T17:00:01+08:00'), round, 0)).toBe('expired');
  });
});

describe('card timing: a round closed after its week', () => {
  it('counts the grace from the end of the week, the earlier of the two', () => {
    const closedLate = { endsAt: new Date('2021-06-14T00:00:00+08:00'), closedAt: new Date('2021-06-15T17:00:00+08:00') };
    expect(cardTiming(at('2021-06-13T23:59:00+08:00'), closedLate, 7)).toBe('on_time');
    expect(cardTiming(at('2021-06-21T00:00:00+08:00'), closedLate, 7)).toBe('late');
    expect(cardTiming(at('2021-06-21T00:00:01+08:00'), closedLate, 7)).toBe('expired');
  });

  it('a round without a closing time counts from the end of its week', () => {
    const never = { endsAt: new Date('2021-06-14T00:00:00+08:00') };
    expect(cardTiming(at('2021-06-16T12:00:00+08:00'), never, 3)).toBe('late');
    expect(cardTiming(at('2021-06-17T00:00:01+08:00'), never, 3)).toBe('expired');
  });
});
