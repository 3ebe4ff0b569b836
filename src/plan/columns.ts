import { stripMarkup, squeeze } from './text.ts';

export type ColumnRole = 'number' | 'title' | 'measures' | 'departments' | 'deadline' | 'other';

export const COLUMN_LABEL: Record<ColumnRole, string> = {
  number: '序号',
  title: '任务',
  measures: '落实举措',
  departments: '责任部门',
  deadline: '完成时间',
  other: '其他',
};

/** The seed's layout, used until (or unless) a header row says otherwise. */
export const DEFAULT_COLUMNS: ColumnRole[] = ['title', 'measures', 'departments', 'deadline'];

function roleOf(header: string): ColumnRole | null {
  const h = squeeze(stripMarkup(header));
  if (/^(?:序号|编号|序)$/u.test(h)) return 'number';
  if (/责任|部门|单位|牵头/u.test(h)) return 'departments';
  if (/时间|时限|期限|进度|完成/u.test(h)) return 'deadline';
  if (/举措|措施|内容|要求/u.test(h)) return 'measures';
  if (/任务|事项|工作|清单|名称/u.test(h)) return 'title';
  return null;
}

/** The column roles of a header row, or null when the row is not a header. */
export function headerColumns(cells: string[]): ColumnRole[] | null {
  const roles = cells.map(roleOf);
  const known = roles.filter((r) => r !== null);
  // A header is short labels only, and names at least the task and who is responsible.
  const short = cells.every((c) => squeeze(stripMarkup(c)).length <= 8);
  if (!short || known.length < 2 || !roles.includes('departments')) return null;
  return roles.map((r) => r ?? 'other');
}
