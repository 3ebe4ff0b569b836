import { escapeMarkdown as md, truncate } from '../domain/escape.ts';
import { EVIDENCE_TASKS_MAX, taskLabel, type EvidenceTask } from '../domain/evidence.ts';
import { assertWithinLimits, type Card } from './limits.ts';

/** The value of a task button on the "which task is this file the evidence of" card. */
export interface EvidenceAttachValue {
  kind: 'evidence_attach';
  planId: number;
  departmentId: number;
  taskId: number;
  messageId: string;
  chatId: string;
  fileKey: string;
  fileName: string;
}

/** The value of 查看佐证文件 on the reviewer's card. */
export interface EvidenceViewValue {
  kind: 'evidence_view';
  reviewId: number;
}

const FILE_NAME_SHOWN = 60;
const TITLE_SHOWN = 40;

export interface EvidenceChoiceInput {
  file: Omit<EvidenceAttachValue, 'kind' | 'planId' | 'departmentId' | 'taskId'>;
  planId: number;
  departmentId: number;
  unitName: string;
  /** the unit's open tasks to offer (src/domain/evidence.ts evidenceChoices) */
  tasks: readonly EvidenceTask[];
  /** open tasks beyond the ones shown */
  more: number;
  /**
   * During 成效报送 the file was stored as the unit's electronic report: the card says so first
   * (this text, shown as typed) and offers the tasks as 「同时作为任务N的办结佐证」.
   */
  storedAsResults?: string;
}

/**
 * Asks which of the unit's tasks a document sent to the bot is the 办结佐证 of: one button per
 * open task. A click attaches it (an `evidence_file` job); the card stays, so the same file may
 * be attached to several tasks.
 */
export function buildEvidenceChoiceCard(v: EvidenceChoiceInput): Card {
  const name = md(truncate(v.file.fileName, FILE_NAME_SHOWN));
  const shown = v.tasks.slice(0, EVIDENCE_TASKS_MAX);
  const also = v.storedAsResults !== undefined;
  const lines = shown.map((t) => `**${taskLabel(t)}** ${md(truncate(t.title, TITLE_SHOWN))}`).join('\n');
  const card: Card = {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill', summary: { content: also ? '成效报送已收到 · 可同时作为办结佐证' : '办结佐证：请选择任务' } },
    header: {
      title: { tag: 'plain_text', content: also ? '成效报送已收到' : '办结佐证：请选择任务' },
      subtitle: { tag: 'plain_text', content: truncate(v.unitName, 60) },
      template: also ? 'green' : 'blue',
    },
    body: {
      direction: 'vertical',
      elements: [
        ...(also ? [{ tag: 'div', text: { tag: 'plain_text', content: v.storedAsResults } }] : []),
        {
          tag: 'markdown',
          content: also ? `「${name}」如也是${md(v.unitName)}某项任务的办结佐证，请选择任务：` : `收到文件「${name}」。作为哪项任务的办结佐证？`,
        },
        { tag: 'markdown', content: lines },
        ...shown.map((t) => ({
          tag: 'button',
          name: `evidence_task_${t.id}`,
          type: also ? 'default' : 'primary',
          width: 'fill',
          text: { tag: 'plain_text', content: also ? `同时作为${taskLabel(t)}的办结佐证` : `${taskLabel(t)} 办结佐证` },
          behaviors: [
            {
              type: 'callback',
              value: { kind: 'evidence_attach', planId: v.planId, departmentId: v.departmentId, taskId: t.id, ...v.file } satisfies EvidenceAttachValue,
            },
          ],
        })),
        {
          tag: 'markdown',
          text_size: 'notation',
          content: `<font color='grey'>${
            v.more > 0 ? `另有 ${v.more} 项未办结的任务未列出（最多列出 ${EVIDENCE_TASKS_MAX} 项），这些任务报送「已完成」时请附佐证链接。` : ''
          }选择后，在任务卡片上报送「已完成」时可不填佐证链接；审核人可在审核卡片上查看这份文件。</font>`,
        },
      ],
    },
  };
  assertWithinLimits(card);
  return card;
}
