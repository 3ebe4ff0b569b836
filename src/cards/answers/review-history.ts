import type { ReviewHistoryEntry } from './model.ts';

// 延期申请 / 办结审核 history lines, shared by the task answer (card and text) and the exports.

const OUTCOME: Record<ReviewHistoryEntry['kind'], Record<string, string>> = {
  extension: { pending: '待审批', approved: '同意', refused: '不同意' },
  completion: { pending: '待审核', approved: '通过', refused: '退回' },
};

/** 「运用促进司 张三 2021-12-10 10:00 申请延期 2021-12-31 → 2022-03-31（理由：…）；李四 2021-12-10 11:00 同意（意见：…）」 — plain text, unescaped. */
export function historyLine(h: ReviewHistoryEntry): string {
  const asked =
    h.kind === 'extension'
      ? `申请延期 ${h.previousDueDate ?? '未定'} → ${h.newDueDate ?? ''}${h.reason ? `（理由：${h.reason}）` : ''}`
      : `报送已完成${h.evidenceUrl ? `（佐证：${h.evidenceUrl}）` : h.evidenceFile ? `（佐证文件：${h.evidenceFile}）` : ''}`;
  const outcome = OUTCOME[h.kind][h.status] ?? h.status;
  const decided = h.decider ? `；${h.decider} ${h.decidedAt ?? ''} ${outcome}${h.comment ? `（${h.kind === 'completion' && h.status === 'refused' ? '理由' : '意见'}：${h.comment}）` : ''}` : `；${outcome}`;
  return `${h.department} ${h.requester} ${h.requestedAt} ${asked}${decided}`;
}
