/** Inbound job kinds this app queues, and their payloads. */
export const INBOUND_KINDS = {
  report: 'status_report',
  indicator: 'indicator_value',
  taskDetail: 'task_detail',
  message: 'message',
} as const;

export interface ReportJobPayload {
  planId: number;
  roundId: number;
  departmentId: number;
  taskId: number;
  status: string;
  progress: number;
  note: string;
  evidenceUrl: string | null;
  reporterOpenId: string;
}

export interface IndicatorJobPayload {
  planId: number;
  roundId: number;
  departmentId: number;
  indicatorId: number;
  value: number;
  reporterOpenId: string;
}

export interface TaskDetailJobPayload {
  taskId: number;
  openId: string;
}
