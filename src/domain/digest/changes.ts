import type { Status } from '../status.ts';
import type { DigestChanges, DigestModel, StatusMove } from './types.ts';

type TaskState = DigestModel['taskStates'][string];

/**
 * What moved since the digest as last sent: every task whose overall status differs, and among
 * them the new blockers and completions. Tasks absent from the previous digest are new, not moves.
 */
export function diffStates(
  current: Record<string, TaskState>,
  titles: Map<number, string>,
  previous: Pick<DigestModel, 'taskStates' | 'round'> | null | undefined,
): DigestChanges {
  if (!previous) return { hasPrevious: false, previousRoundKey: null, moves: [], newBlockers: [], completions: [] };
  const moves: StatusMove[] = [];
  for (const [id, now] of Object.entries(current)) {
    const before = previous.taskStates[id];
    if (!before || before.status === now.status) continue;
    const taskId = Number(id);
    moves.push({ taskId, number: now.number, title: titles.get(taskId) ?? '', from: before.status, to: now.status });
  }
  moves.sort((a, b) => a.number - b.number);
  const to = (s: Status) => moves.filter((m) => m.to === s);
  return {
    hasPrevious: true,
    previousRoundKey: previous.round?.key ?? null,
    moves,
    newBlockers: to('blocked'),
    completions: to('done'),
  };
}
