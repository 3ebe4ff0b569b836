import type { DeadlineKind } from './types.ts';
import { squeeze } from './text.ts';

/** 年底前完成 → year_end, 年内有阶段性成果 → milestone; anything else is not a kind we know. */
export function deadlineKindOf(cell: string): DeadlineKind | null {
  const s = squeeze(cell);
  if (s === '') return null;
  if (/阶段性|持续推进|长期|逐步|分步/u.test(s)) return 'milestone';
  if (/年底|年末|12月底|12月31日|年内完成|全年完成|底前完成/u.test(s)) return 'year_end';
  return null;
}
