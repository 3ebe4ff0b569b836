import type { ParsedSection, ParsedTask } from './types.ts';
import { COLUMN_LABEL, DEFAULT_COLUMNS, headerColumns, type ColumnRole } from './columns.ts';
import { deadlineKindOf } from './deadline.ts';
import { splitDepartments } from './departments.ts';
import { planError } from './errors.ts';
import { parseMeasures } from './measures.ts';
import { itemMarker, stripMarkup, trimTitle } from './text.ts';

export interface TableTasks {
  sections: ParsedSection[];
  tasks: ParsedTask[];
}

interface PendingRow {
  line: number;
  number: number;
  cells: string[];
  section: number | null;
}

/**
 * Reads the annex task table: tab-separated rows, `一、…` section rows, header rows repeated on
 * every page, and rows a page break cut in two (the second part is glued back to the first).
 * Returns null when the document has no such table.
 */
export function readTable(lines: string[], fileName?: string): TableTasks | null {
  const first = lines.findIndex((l) => l.includes('\t') && (headerColumns(l.split('\t')) || taskNumber(l.split('\t'), DEFAULT_COLUMNS) !== null));
  if (first < 0) return null;
  let columns = DEFAULT_COLUMNS;
  const sections: ParsedSection[] = [];
  const tasks: ParsedTask[] = [];
  let section: number | null = null;
  let pending: PendingRow | null = null;

  const finish = () => {
    if (pending) tasks.push(toTask(pending, columns, tasks, fileName));
    pending = null;
  };

  for (let i = first; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const header = headerColumns(cells);
    if (header) {
      columns = header;
      continue;
    }
    const sectionRow = asSection(cells);
    if (sectionRow) {
      finish();
      if (!sections.some((s) => s.number === sectionRow.number)) sections.push(sectionRow);
      section = sectionRow.number;
      continue;
    }
    const number = taskNumber(cells, columns);
    if (number !== null) {
      finish();
      pending = { line: i + 1, number, cells, section };
      continue;
    }
    const row = pending as PendingRow | null;
    if (row && !complete(row.cells, columns)) {
      // A page break cut the row: the first piece continues the last cell.
      const last = row.cells.length - 1;
      row.cells[last] = `${row.cells[last] ?? ''}${(cells[0] ?? '').trim()}`;
      row.cells.push(...cells.slice(1));
    }
  }
  finish();
  return { sections, tasks };
}

function asSection(cells: string[]): ParsedSection | null {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length !== 1) return null;
  const marker = itemMarker(stripMarkup(filled[0]!));
  if (!marker || marker.level !== 1) return null;
  return { number: marker.number, title: trimTitle(marker.rest) };
}

function taskNumber(cells: string[], columns: ColumnRole[]): number | null {
  const numberCol = columns.indexOf('number');
  if (numberCol >= 0) {
    const m = /^\s*(\d{1,3})\s*[.．、]?\s*$/.exec(stripMarkup(cells[numberCol] ?? ''));
    return m?.[1] ? Number(m[1]) : null;
  }
  const marker = itemMarker(stripMarkup(cells[columns.indexOf('title')] ?? ''));
  return marker?.level === 3 ? marker.number : null;
}

const cellOf = (cells: string[], columns: ColumnRole[], role: ColumnRole): string => {
  const i = columns.indexOf(role);
  return i < 0 ? '' : (cells[i] ?? '').trim();
};

function missingColumns(cells: string[], columns: ColumnRole[]): ColumnRole[] {
  return columns.filter((role, i) => role !== 'other' && stripMarkup(cells[i] ?? '').trim() === '');
}

const complete = (cells: string[], columns: ColumnRole[]): boolean => cells.length >= columns.length && missingColumns(cells, columns).length === 0;

function toTask(row: PendingRow, columns: ColumnRole[], done: ParsedTask[], fileName?: string): ParsedTask {
  const missing = missingColumns(row.cells, columns);
  const titleCell = stripMarkup(cellOf(row.cells, columns, 'title'));
  const title = trimTitle(columns.includes('number') ? titleCell : (itemMarker(titleCell)?.rest ?? titleCell));
  if (title === '' && !missing.includes('title')) missing.unshift('title');
  if (missing.length > 0) {
    const names = missing.map((r) => `“${COLUMN_LABEL[r]}”`).join('、');
    throw planError('PLAN_ROW_INCOMPLETE', `任务 ${row.number} 的表格行缺少${names}`, row.line, fileName);
  }
  if (done.some((t) => t.number === row.number)) {
    throw planError('PLAN_DUPLICATE_TASK', `任务编号 ${row.number} 重复出现`, row.line, fileName);
  }
  return {
    number: row.number,
    title,
    section: row.section,
    deadlineKind: deadlineKindOf(cellOf(row.cells, columns, 'deadline')),
    departments: splitDepartments(cellOf(row.cells, columns, 'departments')),
    measures: parseMeasures(cellOf(row.cells, columns, 'measures')),
  };
}
