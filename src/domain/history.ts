import { isStatus, type Status } from './status.ts';

/**
 * History: a unit's response week by week, a task's timeline of statuses and notes, and the
 * digest's four-week trend. Pure: rows in, figures out.
 */

export interface UnitWeek {
  key: string;
  expected: number;
  reported: number;
  onTime: number;
}

export interface UnitHistory {
  weeks: UnitWeek[];
  /** over every week: reported / expected, on time / expected, in percent; null with nothing expected */
  rate: number | null;
  timeliness: number | null;
}

export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 100) : null);

export function unitHistory(weeks: readonly UnitWeek[]): UnitHistory {
  const expected = weeks.reduce((n, w) => n + w.expected, 0);
  return {
    weeks: [...weeks],
    rate: percent(weeks.reduce((n, w) => n + w.reported, 0), expected),
    timeliness: percent(weeks.reduce((n, w) => n + w.onTime, 0), expected),
  };
}

export interface ReportVersion {
  reportedAt: Date;
  roundKey: string;
  department: string;
  status: string;
  progress: number;
  note: string;
  late: boolean;
  reporter: string | null;
}

export interface TimelineEntry extends Omit<ReportVersion, 'status'> {
  status: Status | null;
  /** what changed against the department's previous entry: its first report, a status, a note */
  change: 'first' | 'status' | 'note' | 'progress';
}

/**
 * A task's timeline: per department, each report that changed something (status, note or
 * progress) — re-submissions of the same card with nothing new are left out. Oldest first.
 */
export function taskTimeline(versions: readonly ReportVersion[]): TimelineEntry[] {
  const last = new Map<string, ReportVersion>();
  const out: TimelineEntry[] = [];
  for (const v of [...versions].sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime())) {
    const prev = last.get(v.department);
    last.set(v.department, v);
    const change = !prev ? 'first' : prev.status !== v.status ? 'status' : prev.note !== v.note ? 'note' : prev.progress !== v.progress ? 'progress' : null;
    if (change) out.push({ ...v, status: isStatus(v.status) ? v.status : null, change });
  }
  return out;
}

/** One week of the digest's trend: the response rate and the tasks at risk or blocked, as that week's digest said. */
export interface TrendPoint {
  weekKey: string;
  /** departments that reported all their tasks, in percent; null when no digest was sent that week */
  responseRate: number | null;
  atRiskOrBlocked: number | null;
}

export interface WeekFigures {
  weekKey: string;
  expected: number | null;
  reported: number | null;
  atRisk: number | null;
  blocked: number | null;
}

/** The trend over `weekKeys` (oldest first): each week's figures, or gaps for weeks without a digest. */
export function digestTrend(weekKeys: readonly string[], figures: readonly WeekFigures[]): TrendPoint[] {
  const byWeek = new Map(figures.map((f) => [f.weekKey, f]));
  return weekKeys.map((weekKey) => {
    const f = byWeek.get(weekKey);
    return {
      weekKey,
      responseRate: f && f.expected !== null && f.reported !== null ? percent(f.reported, f.expected) : null,
      atRiskOrBlocked: f && f.atRisk !== null && f.blocked !== null ? f.atRisk + f.blocked : null,
    };
  });
}
