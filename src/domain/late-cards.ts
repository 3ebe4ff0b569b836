import { isLate } from './rounds.ts';

export const DEFAULT_LATE_GRACE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CardTiming = 'on_time' | 'late' | 'expired';

/**
 * Whether a submission on a card of this round is on time, late (stored, flagged: 逾期补报) or too
 * late to accept: a round ends when it is closed or its week is over, whichever comes first, and
 * its cards are accepted for `graceDays` after that. Without the cut-off, a card from months ago
 * would still move the current status.
 */
export function cardTiming(at: Date, round: { endsAt: Date; closedAt?: Date | null }, graceDays: number): CardTiming {
  if (!isLate(at, round)) return 'on_time';
  const ended = Math.min(round.endsAt.getTime(), round.closedAt?.getTime() ?? Infinity);
  return at.getTime() - ended > graceDays * DAY_MS ? 'expired' : 'late';
}
