import { DateTime } from 'luxon';
import { STATUS_LABEL } from '../domain/vocabulary/status.ts';
import type { Status } from '../domain/status.ts';

/** One change in a task's timeline (src/domain/history.ts), as the xlsx 历史 sheet shows it. */
export interface HistoryRow {
  taskNumber: number;
  taskTitle: string;
  roundKey: string;
  reportedAt: Date;
  department: string;
  status: Status | null;
  progress: number;
  note: string;
  reporter: string | null;
  late: boolean;
}

export const HISTORY_COLUMNS = [
  { header: '任务', key: 'task', width: 8 },
  { header: '任务名称', key: 'title', width: 36 },
  { header: '填报轮次', key: 'round', width: 11 },
  { header: '填报时间', key: 'at', width: 17 },
  { header: '部门', key: 'department', width: 16 },
  { header: '状态', key: 'status', width: 10 },
  { header: '进度', key: 'progress', width: 7 },
  { header: '说明', key: 'note', width: 48 },
  { header: '填报人', key: 'reporter', width: 10 },
  { header: '逾期填报', key: 'late', width: 9 },
];

export const HISTORY_NOTE = '每项任务按时间先后列出各部门每次有变化（状态、进度或说明）的填报；重复提交未改内容的不列。';

export function historyValues(r: HistoryRow, timezone: string): Record<string, string | number> {
  return {
    task: r.taskNumber,
    title: r.taskTitle,
    round: r.roundKey,
    at: DateTime.fromJSDate(r.reportedAt, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm'),
    department: r.department,
    status: r.status ? STATUS_LABEL[r.status] : '未知',
    progress: r.progress,
    note: r.note,
    reporter: r.reporter ?? '',
    late: r.late ? '是' : '',
  };
}
