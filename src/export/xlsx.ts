import ExcelJS from 'exceljs';
import { INDICATOR_COLUMNS, indicatorRow, LEDGER_COLUMNS, ledgerRows, SECTION_COLUMNS, sectionRows } from './sheets.ts';
import { progressTicker, type ExportProgress, type ReportData } from './types.ts';

function styleHeader(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
}

/** Header row frozen, so it stays in view while scrolling 50,000 rows. */
const frozenHeader = { views: [{ state: 'frozen' as const, ySplit: 1 }] };

/**
 * The 台账 workbook: one row per task × department, a summary per section, indicators against
 * target. Streamed to disk so 1,000 tasks × 50 departments stay light on memory.
 */
export async function writeLedgerXlsx(
  data: ReportData,
  file: string,
  opts: { timezone: string; onProgress?: ExportProgress },
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'duban';

  const ledger = workbook.addWorksheet('台账', frozenHeader);
  ledger.columns = LEDGER_COLUMNS.map((c) => ({ ...c }));
  styleHeader(ledger);
  ledger.autoFilter = { from: 'A1', to: { row: 1, column: LEDGER_COLUMNS.length } };
  const tick = progressTicker(data.tasks.length, opts.onProgress);
  data.tasks.forEach((task, i) => {
    for (const row of ledgerRows(data, task, opts.timezone)) ledger.addRow(row).commit();
    tick(i + 1);
  });
  ledger.commit();

  const summary = workbook.addWorksheet('分部分汇总', frozenHeader);
  summary.columns = SECTION_COLUMNS;
  styleHeader(summary);
  for (const row of sectionRows(data)) summary.addRow(row).commit();
  summary.commit();

  const indicators = workbook.addWorksheet('指标完成情况', frozenHeader);
  indicators.columns = INDICATOR_COLUMNS;
  styleHeader(indicators);
  for (const i of data.indicators) indicators.addRow(indicatorRow(i, opts.timezone)).commit();
  indicators.commit();

  await workbook.commit();
}
