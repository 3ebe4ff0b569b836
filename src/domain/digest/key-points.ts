import { overallStatus, type Status } from '../status.ts';
import type { DigestKeyPointInput, KeyPointDigest } from './types.ts';

const zero = (): Record<Status, number> => ({ not_started: 0, on_track: 0, at_risk: 0, blocked: 0, pending_review: 0, done: 0 });

/**
 * A key point's state: the worst of the bureau's departments' statuses; a key point only the
 * regions carry (要点2、10) takes the worst of theirs. The answers say the same (要点3).
 */
export function keyPointStatus(units: DigestKeyPointInput['units']): { status: Status; reported: boolean } {
  const bureau = units.filter((u) => !u.region);
  const deciding = bureau.length > 0 ? bureau : units;
  return { status: overallStatus(deciding.map((u) => u.status)), reported: deciding.some((u) => u.status !== null) };
}

/**
 * The digest's compact part on the body's 工作要点: counts by state over those someone reported,
 * how many nobody reported, the units' answers this round, and the key points blocked or at risk
 * (by number, worst first). Bounded whatever the plan: ten lines at most on the card.
 */
export function summariseKeyPoints(items: readonly DigestKeyPointInput[]): KeyPointDigest | null {
  if (items.length === 0) return null;
  const counts = zero();
  let notReported = 0;
  let expected = 0;
  let answered = 0;
  const attention: KeyPointDigest['attention'] = [];
  for (const k of items) {
    const { status, reported } = keyPointStatus(k.units);
    if (reported) counts[status]++;
    else notReported++;
    expected += k.units.length;
    answered += k.units.filter((u) => u.reportedThisRound).length;
    if (reported && (status === 'blocked' || status === 'at_risk')) attention.push({ number: k.number, title: k.title, status });
  }
  attention.sort((a, b) => Number(b.status === 'blocked') - Number(a.status === 'blocked') || a.number - b.number);
  return { count: items.length, counts, notReported, unitsExpected: expected, unitsReported: answered, attention };
}
