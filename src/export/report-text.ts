import { DEADLINE_KIND_LABEL } from '../domain/deadlines.ts';
import { NOT_REPORTED_LABEL, STATUS_LABEL } from '../domain/vocabulary/status.ts';
import { ROLE_LABEL, taskStatus } from './sheets.ts';
import type { ReportTask } from './types.ts';

// The wording of the 成效报送 report per task, from the departments' latest reports.

export interface TaskReportText {
  departments: string;
  progress: string[];
  problems: string[];
  nextSteps: string[];
}

const sentence = (s: string) => (/[。！？.!?]$/.test(s) ? s : `${s}。`);

export function taskReportText(task: ReportTask): TaskReportText {
  const lead = task.departments.filter((d) => d.role === 'lead').map((d) => d.name);
  const co = task.departments.filter((d) => d.role !== 'lead').map((d) => d.name);
  const departments = task.departments.map((d) => `${d.name}（${ROLE_LABEL[d.role] ?? d.role}）`).join('、') || '未明确';

  const progress: string[] = [];
  const problems: string[] = [];
  for (const d of task.departments) {
    const note = d.note.trim();
    if (d.status === 'done' || d.status === 'on_track') {
      const pct = d.status === 'done' ? STATUS_LABEL.done : `进度 ${d.progress ?? 0}%`;
      progress.push(`${d.name}（${pct}）：${note ? sentence(note) : `${STATUS_LABEL[d.status]}。`}`);
    } else if (d.status === 'blocked' || d.status === 'at_risk') {
      problems.push(`${d.name}（${STATUS_LABEL[d.status]}）：${note ? sentence(note) : '未说明原因。'}`);
    } else if (d.status === 'not_started') {
      progress.push(`${d.name}：尚未启动${note ? `，${sentence(note)}` : '。'}`);
    } else {
      progress.push(`${d.name}：${NOT_REPORTED_LABEL}。`);
    }
  }
  if (progress.length === 0) progress.push('暂无进展报告。');
  if (problems.length === 0) problems.push('暂无。');

  const status = taskStatus(task);
  const nextSteps: string[] = [];
  if (status === 'done') {
    nextSteps.push('任务已完成，巩固工作成果。');
  } else {
    const who = `${lead.join('、') || '责任部门'}牵头${co.length ? `，${co.join('、')}配合` : ''}`;
    const kind = task.deadlineKind && task.deadlineKind in DEADLINE_KIND_LABEL ? DEADLINE_KIND_LABEL[task.deadlineKind as keyof typeof DEADLINE_KIND_LABEL] : '按期完成';
    nextSteps.push(`${who}，继续推进落实，确保${task.dueDate ? `${task.dueDate}前完成` : kind}。`);
    const stuck = task.departments.filter((d) => d.status === 'blocked' || d.status === 'at_risk').map((d) => d.name);
    if (stuck.length) nextSteps.push(`协调解决${stuck.join('、')}反映的问题。`);
    const silent = task.departments.filter((d) => d.status === null).map((d) => d.name);
    if (silent.length) nextSteps.push(`督促${silent.join('、')}报送进展。`);
  }
  return { departments, progress, problems, nextSteps };
}
