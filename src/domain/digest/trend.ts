import { digestTrend, percent, type TrendPoint, type WeekFigures } from '../history.ts';
import { previousRound, type RoundWindow } from '../rounds.ts';
import type { DigestModel } from './types.ts';

/** The three weeks before `week`, oldest first: the digests the four-week trend reads. */
export function earlierWeekKeys(week: RoundWindow, timezone: string, count = 3): string[] {
  const keys: string[] = [];
  let w = week;
  for (let i = 0; i < count; i++) {
    w = previousRound(w, timezone);
    keys.unshift(w.key);
  }
  return keys;
}

/**
 * The four-week trend of a digest: the earlier weeks as their digests said (what leadership was
 * told then, not recomputed with today's assignments), then this week's own figures.
 */
export function fourWeekTrend(model: DigestModel, earlierKeys: readonly string[], figures: readonly WeekFigures[], weekKey: string): TrendPoint[] {
  return [
    ...digestTrend(earlierKeys, figures),
    {
      weekKey,
      responseRate: model.round ? percent(model.response.reported, model.response.expected) : null,
      atRiskOrBlocked: model.statusCounts.at_risk + model.statusCounts.blocked,
    },
  ];
}
