import { formatLocalTime } from '../domain/rounds.ts';
import { meetsTarget } from '../domain/digest/indicators.ts';
import { COMPARATOR_SYMBOL } from '../domain/vocabulary/comparators.ts';
import { DEADLINE_KIND_LABEL } from '../domain/deadlines.ts';
import { overallStatus, STATUSES, type Status } from '../domain/status.ts';
import { NOT_REPORTED_LABEL, STATUS_LABEL } from '../domain/vocabulary/status.ts';
import type { ReportData, ReportDepartment, ReportIndicator, ReportResult, ReportTask } from './types.ts';
import type { ReviewHistoryEntry } from '../cards/answers/model.ts';
import { formatBytes } from '../domain/results/files.ts';

// Row shapes of the three sheets, kept apart from exceljs so they are easy to test and reuse.

export const ROLE_LABEL: Record<string, string> = { lead: '牵头', co: '配合', region: '地区' };

export const localTime = (at: Date | null, timezone: string): string => (at ? formatLocalTime(at, timezone) : '');

export function deadlineLabel(task: Pick<ReportTask, 'deadlineKind' | 'dueDate'>): string {
  if (task.dueDate) return task.dueDate;
  return task.deadlineKind && task.deadlineKind in DEADLINE_KIND_LABEL ? DEADLINE_KIND_LABEL[task.deadlineKind as keyof typeof DEADLINE_KIND_LABEL] : '';
}

export function sectionName(data: ReportData, number: number | null): string {
  if (number === null) return '其他';
  return data.sections.find((s) => s.number === number)?.title ?? `第${number}部分`;
}

export const LEDGER_COLUMNS = [
  // Widths sum to ~180 characters: landscape A4 fitted to one page wide stays legible; long text wraps.
  { header: '任务编号', key: 'number', width: 6 },
  { header: '任务名称', key: 'title', width: 28 },
  { header: '所属部分', key: 'section', width: 16 },
  { header: '完成时限', key: 'deadline', width: 11 },
  { header: '责任部门', key: 'department', width: 12 },
  { header: '角色', key: 'role', width: 5 },
  { header: '状态', key: 'status', width: 8 },
  { header: '进度(%)', key: 'progress', width: 7 },
  { header: '最新说明', key: 'note', width: 36 },
  { header: '佐证', key: 'evidence', width: 20 },
  { header: '填报人', key: 'reporter', width: 8 },
  { header: '填报时间', key: 'time', width: 15 },
  { header: '逾期填报', key: 'late', width: 7 },
] as const;

/** The 各地区 sheet: the ledger's columns, the unit being a regional office. */
export const REGION_COLUMNS = LEDGER_COLUMNS.map((c) => (c.key === 'department' ? { ...c, header: '地区', width: 16 } : c.key === 'role' ? { ...c, header: '类别' } : c));

export type LedgerRow = Record<(typeof LEDGER_COLUMNS)[number]['key'], string | number | null>;

/** 办结佐证 as a file: its name, never a link (the bytes are in duban, not at an address). */
export const evidenceFileText = (name: string): string => `佐证文件：${name}`;

/** One unit's latest report as the sheets show it (the ledger's and the key points' columns alike). */
function unitCells(d: ReportDepartment, timezone: string) {
  return {
    department: d.name,
    role: ROLE_LABEL[d.role] ?? d.role,
    status: d.status ? STATUS_LABEL[d.status] : NOT_REPORTED_LABEL,
    progress: d.progress,
    note: d.note,
    // a link (made a hyperlink by xlsx.ts), else the attached file's name as text
    evidence: d.evidenceUrl ?? (d.evidenceFile ? evidenceFileText(d.evidenceFile) : ''),
    reporter: d.reporter ?? '',
    time: localTime(d.reportedAt, timezone),
    late: d.reportedAt ? (d.late ? '是' : '否') : '',
  };
}

export function ledgerRows(data: ReportData, task: ReportTask, timezone: string): LedgerRow[] {
  return task.departments.map((d) => ({
    number: task.number,
    title: task.title,
    section: sectionName(data, task.section),
    deadline: deadlineLabel(task),
    ...unitCells(d, timezone),
  }));
}

/** The 工作要点 sheet: one row per key point × unit (departments, then regions), after the annex's 台账. */
export const KEY_POINT_COLUMNS = [
  { header: '要点编号', key: 'number', width: 8 },
  { header: '工作要点', key: 'title', width: 28 },
  { header: '责任单位', key: 'department', width: 16 },
  { header: '类别', key: 'role', width: 6 },
  { header: '状态', key: 'status', width: 8 },
  { header: '进度(%)', key: 'progress', width: 7 },
  { header: '最新说明', key: 'note', width: 36 },
  { header: '佐证', key: 'evidence', width: 20 },
  { header: '填报人', key: 'reporter', width: 8 },
  { header: '填报时间', key: 'time', width: 15 },
  { header: '逾期填报', key: 'late', width: 7 },
] as const;

export type KeyPointRow = Record<(typeof KEY_POINT_COLUMNS)[number]['key'], string | number | null>;

export function keyPointRows(keyPoint: ReportTask, timezone: string): KeyPointRow[] {
  return keyPoint.departments.map((d) => ({ number: `要点${keyPoint.number}`, title: keyPoint.title, ...unitCells(d, timezone) }));
}

export const taskStatus = (task: ReportTask): Status => overallStatus(task.departments.map((d) => d.status));

/** A task's overall status, or null (未填报) when none of its departments ever reported it. */
export const reportStatus = (task: ReportTask): Status | null =>
  task.departments.length > 0 && task.departments.every((d) => d.status === null) ? null : taskStatus(task);

export const SECTION_COLUMNS = [
  { header: '部分', key: 'number', width: 8 },
  { header: '标题', key: 'title', width: 40 },
  { header: '任务数', key: 'tasks', width: 8 },
  ...STATUSES.map((s) => ({ header: STATUS_LABEL[s], key: s, width: 10 })),
  { header: NOT_REPORTED_LABEL, key: 'not_reported', width: 10 },
  { header: '平均进度(%)', key: 'avg', width: 12 },
];

export function sectionRows(data: ReportData): Record<string, string | number>[] {
  const groups = new Map<number | null, ReportTask[]>();
  for (const t of data.tasks) groups.set(t.section, [...(groups.get(t.section) ?? []), t]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))
    .map(([number, list]) => {
      const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
      let progress = 0;
      let notReported = 0;
      for (const t of list) {
        const s = reportStatus(t);
        if (s === null) notReported++;
        else counts[s]++;
        const ps = t.departments.map((d) => d.progress ?? 0);
        progress += s === 'done' ? 100 : ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : 0;
      }
      return { number: number ?? '', title: sectionName(data, number), tasks: list.length, ...counts, not_reported: notReported, avg: Math.round(progress / list.length) };
    });
}

export const INDICATOR_COLUMNS = [
  { header: '指标', key: 'name', width: 30 },
  { header: '目标', key: 'target', width: 14 },
  { header: '单位', key: 'unit', width: 8 },
  { header: '最新值', key: 'value', width: 10 },
  { header: '填报时间', key: 'time', width: 18 },
  { header: '是否达标', key: 'met', width: 10 },
  { header: '负责部门', key: 'owner', width: 20 },
];

export function indicatorRow(i: ReportIndicator, timezone: string): Record<string, string | number | null> {
  return {
    name: i.name,
    target: `${COMPARATOR_SYMBOL[i.comparator]}${i.target}`,
    unit: i.unit,
    value: i.value,
    time: localTime(i.reportedAt, timezone),
    met: i.value === null ? '暂无数据' : meetsTarget(i.value, i.comparator, i.target) ? '达标' : '未达标',
    owner: i.owner ?? '',
  };
}

export const REVIEW_COLUMNS = [
  { header: '任务编号', key: 'number', width: 6 },
  { header: '任务名称', key: 'title', width: 24 },
  { header: '事项', key: 'kind', width: 8 },
  { header: '申请单位', key: 'department', width: 12 },
  { header: '申请人', key: 'requester', width: 8 },
  { header: '申请时间', key: 'requestedAt', width: 15 },
  { header: '内容', key: 'content', width: 30 },
  { header: '理由 / 佐证', key: 'reason', width: 30 },
  { header: '结果', key: 'outcome', width: 8 },
  { header: '审批人', key: 'decider', width: 8 },
  { header: '审批时间', key: 'decidedAt', width: 15 },
  { header: '审批意见', key: 'comment', width: 30 },
] as const;

export type ReviewRow = Record<(typeof REVIEW_COLUMNS)[number]['key'], string | number | null>;

const OUTCOME: Record<ReviewHistoryEntry['kind'], Record<string, string>> = {
  extension: { pending: '待审批', approved: '同意', refused: '不同意' },
  completion: { pending: '待审核', approved: '通过', refused: '退回' },
};

/** One row per 延期申请 and 办结审核: who asked, who decided, when, why. */
export function reviewRows(task: ReportTask): ReviewRow[] {
  return (task.history ?? []).map((h) => ({
    number: task.number,
    title: task.title,
    kind: h.kind === 'extension' ? '延期申请' : '办结审核',
    department: h.department,
    requester: h.requester,
    requestedAt: h.requestedAt,
    content: h.kind === 'extension' ? `完成时限 ${h.previousDueDate ?? '未定'} → ${h.newDueDate ?? ''}` : '报送已完成',
    reason: h.kind === 'extension' ? (h.reason ?? '') : (h.evidenceUrl ?? (h.evidenceFile ? evidenceFileText(h.evidenceFile) : '')),
    outcome: OUTCOME[h.kind][h.status] ?? h.status,
    decider: h.decider ?? '',
    decidedAt: h.decidedAt ?? '',
    comment: h.comment ?? '',
  }));
}

export const RESULTS_COLUMNS = [
  { header: '单位', key: 'unit', width: 22 },
  { header: '类别', key: 'kind', width: 6 },
  { header: '电子版文件', key: 'file', width: 30 },
  { header: '格式', key: 'type', width: 10 },
  { header: '大小', key: 'size', width: 9 },
  { header: '报送人', key: 'by', width: 9 },
  { header: '报送时间', key: 'at', width: 15 },
  { header: '份数', key: 'count', width: 5 },
  { header: '纸质版', key: 'paper', width: 7 },
  { header: '确认人', key: 'paperBy', width: 9 },
  { header: '确认时间', key: 'paperAt', width: 15 },
  { header: 'SHA-256', key: 'sha256', width: 20 },
] as const;

const EXT_LABEL: Record<string, string> = { pdf: 'PDF', ofd: 'OFD', doc: 'Word', docx: 'Word', wps: 'WPS', xls: 'Excel', xlsx: 'Excel', et: 'WPS 表格' };

/** One row per unit of the 成效报送 sheet: who sent what and when, and the paper copy. */
export function resultsRow(r: ReportResult, timezone: string): Record<(typeof RESULTS_COLUMNS)[number]['key'], string | number | null> {
  const ext = r.file ? r.file.name.slice(r.file.name.lastIndexOf('.') + 1).toLowerCase() : '';
  return {
    unit: r.unit,
    kind: r.kind === 'region' ? '地区' : '部门',
    file: r.file?.name ?? '未报送',
    type: r.file ? (EXT_LABEL[ext] ?? ext) : '',
    size: r.file ? formatBytes(r.file.sizeBytes) : '',
    by: r.file?.by ?? '',
    at: localTime(r.file?.at ?? null, timezone),
    count: r.file?.count ?? null,
    paper: r.paper ? '已寄出' : '未确认',
    paperBy: r.paper?.by ?? '',
    paperAt: localTime(r.paper?.at ?? null, timezone),
    sha256: r.file?.sha256 ?? '',
  };
}
