import type { ResultFileType } from './results/files.ts';

// 办结佐证 files (docs/architecture.md#extensions-and-completion-review): a document a unit's
// reporter sent to the bot, attached to one of the unit's tasks as the evidence of its 已完成.
// Pure: the unit's tasks, their current statuses and the file facts are passed in.

/**
 * At most this many task buttons on the "which task is this file for" card. A unit answers for a
 * dozen tasks or so (a region for fewer); 20 buttons keep the card far inside Lark's 200 components
 * and 30 KB even with the longest file names (test/cards/evidence-cards.test.ts), and a longer list
 * is not one anyone picks from on a phone.
 */
export const EVIDENCE_TASKS_MAX = 20;

export interface EvidenceTask {
  id: number;
  kind: string; // task | key_point
  number: number;
  title: string;
  /** the unit's current status for the task (null before its first report) */
  status: string | null;
}

/** 任务7 / 工作要点3: the two numberings never mix (docs/architecture.md#regions-and-key-points). */
export const taskLabel = (t: { kind: string; number: number }): string => (t.kind === 'key_point' ? `工作要点${t.number}` : `任务${t.number}`);

/**
 * The tasks a file may be attached to, as buttons: the unit's tasks not yet approved as done,
 * annex tasks before key points, each by number; the first EVIDENCE_TASKS_MAX, and how many more
 * there are.
 */
export function evidenceChoices(tasks: readonly EvidenceTask[]): { shown: EvidenceTask[]; more: number } {
  const open = tasks
    .filter((t) => t.status !== 'done')
    .sort((a, b) => Number(a.kind === 'key_point') - Number(b.kind === 'key_point') || a.number - b.number || a.id - b.id);
  return { shown: open.slice(0, EVIDENCE_TASKS_MAX), more: Math.max(0, open.length - EVIDENCE_TASKS_MAX) };
}

/** The `file_type` a stored document is uploaded with (im/v1/files): ofd and the rest go as `stream`. */
export function larkFileTypeOf(type: Pick<ResultFileType, 'ext'> | string): 'pdf' | 'doc' | 'xls' | 'stream' {
  const ext = typeof type === 'string' ? type : type.ext;
  if (ext === 'pdf') return 'pdf';
  if (ext === 'doc' || ext === 'docx' || ext === 'wps') return 'doc';
  if (ext === 'xls' || ext === 'xlsx' || ext === 'et') return 'xls';
  return 'stream';
}

/** The extension of a stored file's name (lower case), for larkFileTypeOf. */
export const extensionOf = (name: string): string => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');

/** A report's refusal (src/domain/authorise.ts) worded for attaching evidence. */
export const evidenceRefusal = (message: string): string => message.replace('无法提交', '不能附办结佐证');

export type EvidenceRefusalCode = 'ALREADY_DONE' | 'NOT_REVIEWER';

/** A task approved as done needs no more evidence: its 办结 is decided. */
export function checkAttachable(f: { label: string; status: string | null }): { ok: true } | { ok: false; code: 'ALREADY_DONE'; message: string } {
  if (f.status === 'done') return { ok: false, code: 'ALREADY_DONE', message: `${f.label}已审核办结，无需再附佐证文件` };
  return { ok: true };
}

/**
 * Who may have a completion's evidence file sent to them: whoever may decide the review (the lead
 * department's reporters for a co-responsible unit's completion) and every admin. Looking decides
 * nothing, so the own-request rule of deciding does not apply.
 */
export function checkEvidenceViewer(f: { operator: string; reviewers: readonly string[]; admins: readonly string[] }): { ok: true } | { ok: false; code: 'NOT_REVIEWER'; message: string } {
  if (f.reviewers.includes(f.operator) || f.admins.includes(f.operator)) return { ok: true };
  return { ok: false, code: 'NOT_REVIEWER', message: '只有该任务办结的审核人（牵头部门填报人或督办管理员）可以查看佐证文件' };
}
