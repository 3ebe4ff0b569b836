import { freshEventId, replyPayload, signed, type SeededRound } from '../../test/support/seeded-round.ts';
import type { PreparedRequest } from './load.ts';

/**
 * `n` distinct valid report submissions, each encrypted and signed now (Lark's 5-minute window
 * leaves room for the run), spread round-robin over every task × department so that replies
 * processed side by side are about different tasks, as in a real round.
 */
// by default the bureau's departments and the 34 regional offices reply alike
export function replyBodies(seeded: SeededRound, n: number, label: string, targets = [...seeded.targets, ...seeded.regionTargets]): PreparedRequest[] {
  const out: PreparedRequest[] = [];
  const at = new Date();
  for (let i = 0; i < n; i++) {
    const target = targets[i % targets.length]!;
    const eventId = freshEventId(label);
    const progress = String(i % 101);
    out.push({ eventId, ...signed(replyPayload(target, { eventId, progress, note: `第${i}次填报` }), at) });
  }
  return out;
}
