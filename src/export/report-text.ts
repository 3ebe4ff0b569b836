import { DEADLINE_KIND_LABEL } from '../domain/deadlines.ts';
import { NOT_REPORTED_LABEL, STATUS_LABEL } from '../domain/vocabulary/status.ts';
import { ROLE_LABEL, taskStatus } from './sheets.ts';
import type { ReportTask } from './types.ts';

// The wording of the 成效报送 report per task, from the departments' latest reports.

/** One sentence of the report; `evidenceUrl` is shown after it as a link, else `evidenceFile` by name. */
export interface ReportLine {
  text: string;
  evidenceUrl?: string | null;
  evidenceFile?: string | null;
}

export interface TaskReportText {
  departments: string;
  progress: ReportLine[];
  problems: ReportLine[];
  nextSteps: ReportLine[];
  /** the departments that never reported this task, by name */
  unreported: string[];
}

const sentence = (s: string) => (/[。！？.!?]$/.test(s) ? s : `${s}。`);

/**
 * Every department with its role, status and progress: 进展情况 for those under way, done or not
 * started, 存在问题 for the blocked and at-risk ones, and the ones that never reported named as
 * 未填报 (never counted as 未启动).
 */
export function taskReportText(task: ReportTask): TaskReportText {
  const lead = task.departments.filter((d) => d.role === 'lead').map((d) => d.name);
  const co = task.departments.filter((d) => d.role !== 'lead').map((d) => d.name);
  const departments = task.departments.map((d) => `${d.name}（${ROLE_LABEL[d.role] ?? d.role}）`).join('、') || '未明确';

  const progress: ReportLine[] = [];
  const problems: ReportLine[] = [];
  const unreported: string[] = [];
  for (const d of task.departments) {
    const note = d.note.trim();
    const role = ROLE_LABEL[d.role] ?? d.role;
    if (d.status === null) {
      unreported.push(d.name);
      continue;
    }
    const head = `${d.name}（${role}）：${STATUS_LABEL[d.status]}，进度 ${d.status === 'done' ? 100 : (d.progress ?? 0)}%。`;
    const line = { text: `${head}${note ? sentence(note) : ''}`, evidenceUrl: d.evidenceUrl ?? null, evidenceFile: d.evidenceFile ?? null };
    if (d.status === 'blocked' || d.status === 'at_risk') problems.push({ ...line, text: `${head}${note ? sentence(note) : '未说明原因。'}` });
    else progress.push(line);
  }
  if (unreported.length) progress.push({ text: `${unreported.join('、')}：${NOT_REPORTED_LABEL}，尚未报送进展。` });
  for (const h of task.history ?? []) {
    if (h.kind !== 'extension' || h.status !== 'approved' || !h.newDueDate) continue;
    const from = h.previousDueDate ? chineseDate(h.previousDueDate) : '原定时限';
    progress.push({ text: `经${h.decider ?? '审批人'}批准，${h.department}申请的完成时限由${from}延至${chineseDate(h.newDueDate)}（理由：${sentence(h.reason ?? '').replace(/。$/, '')}）。` });
  }
  if (progress.length === 0) progress.push({ text: '暂无进展报告。' });
  if (problems.length === 0) problems.push({ text: '暂无。' });

  const status = taskStatus(task);
  const nextSteps: ReportLine[] = [];
  if (status === 'done') {
    nextSteps.push({ text: '任务已完成，巩固工作成果。' });
  } else {
    const who = `${lead.join('、') || '责任部门'}牵头${co.length ? `，${co.join('、')}配合` : ''}`;
    const kind = task.deadlineKind && task.deadlineKind in DEADLINE_KIND_LABEL ? DEADLINE_KIND_LABEL[task.deadlineKind as keyof typeof DEADLINE_KIND_LABEL] : '按期完成';
    nextSteps.push({ text: `${who}，继续推进落实，确保${task.dueDate ? `${chineseDate(task.dueDate)}前完成` : kind}。` });
    const stuck = task.departments.filter((d) => d.status === 'blocked' || d.status === 'at_risk').map((d) => d.name);
    if (stuck.length) nextSteps.push({ text: `协调解决${stuck.join('、')}反映的问题。` });
    if (unreported.length) nextSteps.push({ text: `督促${unreported.join('、')}报送进展。` });
  }
  return { departments, progress, problems, nextSteps, unreported };
}

/**
 * A key point's wording: its bureau departments as for a task, and the regions (各地方知识产权局)
 * in one counted sentence — 34 offices are never 34 paragraphs; only those blocked or at risk are
 * named under 存在问题, with their notes.
 */
export function keyPointReportText(k: ReportTask): TaskReportText {
  const bureau = k.departments.filter((d) => d.role !== 'region');
  const regions = k.departments.filter((d) => d.role === 'region');
  const base: TaskReportText = bureau.length
    ? taskReportText({ ...k, departments: bureau })
    : { departments: '', progress: [], problems: [], nextSteps: [], unreported: [] };
  if (regions.length === 0) return base;
  const count = (s: string | null) => regions.filter((r) => r.status === s).length;
  const parts = (['done', 'on_track', 'at_risk', 'blocked', 'not_started'] as const).filter((s) => count(s) > 0).map((s) => `${STATUS_LABEL[s]} ${count(s)} 个`);
  const silent = count(null);
  const summary = `各地方知识产权局（${regions.length} 个地区）：${[...parts, ...(silent ? [`${NOT_REPORTED_LABEL} ${silent} 个`] : [])].join('，')}。`;
  const stuck = regions.filter((r) => r.status === 'blocked' || r.status === 'at_risk');
  const problems = [
    ...base.problems.filter((p) => p.text !== '暂无。'),
    ...stuck.map((r) => ({ text: `${r.name}：${STATUS_LABEL[r.status!]}，进度 ${r.progress ?? 0}%。${r.note.trim() ? sentence(r.note.trim()) : '未说明原因。'}`, evidenceUrl: r.evidenceUrl ?? null })),
  ];
  const nextSteps = bureau.length ? [...base.nextSteps] : [{ text: '各地方知识产权局继续推进落实。' }];
  if (stuck.length) nextSteps.push({ text: `协调解决${stuck.map((r) => r.name).join('、')}反映的问题。` });
  if (silent) nextSteps.push({ text: `督促尚未报送的 ${silent} 个地区报送进展。` });
  return {
    departments: [base.departments, `各地方知识产权局（${regions.length} 个地区）`].filter(Boolean).join('、'),
    progress: [...base.progress.filter((p) => p.text !== '暂无进展报告。'), { text: summary }],
    problems: problems.length ? problems : [{ text: '暂无。' }],
    nextSteps,
    unreported: [...base.unreported, ...regions.filter((r) => r.status === null).map((r) => r.name)],
  };
}

/** 2021-12-15 → 2021年12月15日, as official documents write dates. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}
