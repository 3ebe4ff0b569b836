import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { STATUSES } from '../domain/status.ts';
import { LARK_HEX, NOT_REPORTED_LABEL, STATUS_COLOR, STATUS_LABEL } from '../domain/vocabulary/status.ts';
import {
  INDICATOR_COLUMNS, indicatorRow, KEY_POINT_COLUMNS, keyPointRows, LEDGER_COLUMNS, ledgerRows, REGION_COLUMNS, RESULTS_COLUMNS, resultsRow, REVIEW_COLUMNS, reviewRows, SECTION_COLUMNS, sectionRows,
} from './sheets.ts';
import { progressTicker, type ExportProgress, type ReportData } from './types.ts';
import { HISTORY_COLUMNS, HISTORY_NOTE, historyValues, type HistoryRow } from './history-sheet.ts';

// Every sheet prints as it is: a title row, the header row repeated on each page and frozen on
// screen, thin borders, wrapped text, landscape A4 fitted to one page wide.

const thin = { style: 'thin' as const, color: { argb: 'FF8F959E' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8EAED' } };
const NOT_REPORTED_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF4D6' } };
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const STATUS_FONT = new Map<string, string>(STATUSES.map((s) => [STATUS_LABEL[s], argb(LARK_HEX[STATUS_COLOR[s]])]));

/** The legend under each ledger title: what the status words mean. */
export const STATUS_LEGEND =
  `状态说明：${STATUSES.map((s) => STATUS_LABEL[s]).join('、')}为部门最近一次填报的状态；` +
  `${NOT_REPORTED_LABEL}＝该部门从未报送此项任务的进展（底色标出）；逾期填报＝在填报轮次关闭后补报。`;

/** Header at row HEADER_ROW: title above it, and a note line on the ledger. */
const HEADER_ROW = 3;

function sheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: { header: string; key: string; width: number }[], title: string, note: string) {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  // Keys and widths only: the header row is written by hand below the title.
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const last = columns.length;
  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { bold: true, size: 16 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 30;
  ws.mergeCells(1, 1, 1, last);
  titleRow.commit();
  const noteRow = ws.getRow(2);
  noteRow.getCell(1).value = note;
  noteRow.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
  noteRow.getCell(1).font = { size: 10, color: { argb: 'FF646A73' } };
  noteRow.height = 32;
  ws.mergeCells(2, 1, 2, last);
  noteRow.commit();
  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.commit();
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: last } };
  return ws;
}

function addRow(ws: ExcelJS.Worksheet, values: Record<string, unknown>, style?: (row: ExcelJS.Row) => void): void {
  const row = ws.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = BORDER;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  style?.(row);
  row.commit();
}

/** A unit's row: status coloured, 未填报 rows shaded, the evidence a link (http(s) only). */
function addUnitRow(ws: ExcelJS.Worksheet, values: Record<string, string | number | null>, statusCol: number, evidenceCol: number): void {
  const url = typeof values.evidence === 'string' && /^https?:\/\//i.test(values.evidence) ? values.evidence : null;
  addRow(ws, url ? { ...values, evidence: { text: url, hyperlink: url } } : values, (row) => {
    const status = row.getCell(statusCol);
    const colour = STATUS_FONT.get(String(status.value));
    if (colour) status.font = { color: { argb: colour }, bold: true };
    if (status.value === NOT_REPORTED_LABEL) {
      row.eachCell({ includeEmpty: true }, (c) => (c.fill = NOT_REPORTED_FILL));
      status.font = { bold: true };
    }
    if (url) row.getCell(evidenceCol).font = { color: { argb: 'FF3370FF' }, underline: true };
  });
}

/**
 * The 台账 workbook: one row per task × department (未填报 ones marked), one per key point × unit
 * (regions included), one per task × region, a summary per section, indicators against target. Streamed to disk so 1,000 tasks × 50 departments stay light on memory.
 */
export async function writeLedgerXlsx(
  data: ReportData,
  file: string,
  opts: { timezone: string; now?: Date; onProgress?: ExportProgress; history?: readonly HistoryRow[] },
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'duban';
  const asOf = opts.now ? `（截至${DateTime.fromJSDate(opts.now, { zone: opts.timezone }).toFormat('yyyy年M月d日')}）` : '';

  const cols = LEDGER_COLUMNS.map((c) => ({ ...c }));
  const ledger = sheet(workbook, '台账', cols, `${data.plan.title}任务落实台账${asOf}`, STATUS_LEGEND);
  const statusCol = cols.findIndex((c) => c.key === 'status') + 1;
  const evidenceCol = cols.findIndex((c) => c.key === 'evidence') + 1;
  const tick = progressTicker(data.tasks.length, opts.onProgress);
  data.tasks.forEach((task, i) => {
    for (const values of ledgerRows(data, task, opts.timezone)) addUnitRow(ledger, values, statusCol, evidenceCol);
    tick(i + 1);
  });
  ledger.commit();

  // the body's 工作要点 after the annex's ledger: every unit responsible, regions included
  if (data.keyPoints?.length) {
    const kpCols = KEY_POINT_COLUMNS.map((c) => ({ ...c }));
    const keyPoints = sheet(workbook, '工作要点', kpCols, `${data.plan.title}工作要点落实台账${asOf}`, `${STATUS_LEGEND}类别“地区”为各地方知识产权局。`);
    for (const k of data.keyPoints) {
      for (const values of keyPointRows(k, opts.timezone)) addUnitRow(keyPoints, values, kpCols.findIndex((c) => c.key === 'status') + 1, kpCols.findIndex((c) => c.key === 'evidence') + 1);
    }
    keyPoints.commit();
  }

  // the regions' reports on the annex tasks' 各地区 measures: the same columns, one row per task × region
  if (data.regionTasks?.length) {
    const regionCols = REGION_COLUMNS.map((c) => ({ ...c }));
    const regions = sheet(workbook, '各地区', regionCols, `${data.plan.title}各地区落实台账${asOf}`, `${STATUS_LEGEND}各地区按任务清单中“各地区”“有条件的地区”的落实举措填报。`);
    for (const task of data.regionTasks) {
      for (const values of ledgerRows(data, task, opts.timezone)) addUnitRow(regions, values, statusCol, evidenceCol);
    }
    regions.commit();
  }

  const summary = sheet(workbook, '分部分汇总', SECTION_COLUMNS, `${data.plan.title}分部分汇总${asOf}`, STATUS_LEGEND);
  for (const row of sectionRows(data)) addRow(summary, row);
  summary.commit();

  const indicators = sheet(workbook, '指标完成情况', INDICATOR_COLUMNS, `${data.plan.title}主要指标完成情况${asOf}`, '最新值为负责部门最近一次填报的数值。');
  for (const i of data.indicators) addRow(indicators, indicatorRow(i, opts.timezone));
  indicators.commit();

  const reviews = sheet(
    workbook,
    '延期与审核',
    REVIEW_COLUMNS.map((c) => ({ ...c })),
    `${data.plan.title}延期申请与办结审核记录${asOf}`,
    '完成时限以最近一次获批的延期申请为准；单位报送的「已完成」经审核通过后方计为完成，审核前为「待审核」。',
  );
  for (const task of data.tasks) for (const row of reviewRows(task)) addRow(reviews, row);
  reviews.commit();
  if (opts.history) {
    const history = sheet(workbook, '历史', HISTORY_COLUMNS, `${data.plan.title}填报历史${asOf}`, HISTORY_NOTE);
    for (const r of opts.history) addRow(history, historyValues(r, opts.timezone));
    history.commit();
  }
  if (data.results) {
    const sent = data.results.filter((r) => r.file).length;
    const note = `截止 ${data.plan.reportDeadline ?? '—'}：${data.results.length} 个单位中 ${sent} 个已报送电子版，${data.results.filter((r) => r.paper).length} 个已确认寄出纸质版。电子版为各单位最新发送的文件（duban results files 可取出）。`;
    const results = sheet(workbook, '成效报送', RESULTS_COLUMNS.map((c) => ({ ...c })), `${data.plan.title}成效报送情况${asOf}`, note);
    for (const r of data.results) {
      addRow(results, resultsRow(r, opts.timezone), (row) => {
        if (!r.file) row.eachCell({ includeEmpty: true }, (c) => (c.fill = NOT_REPORTED_FILL));
      });
    }
    results.commit();
  }

  await workbook.commit();
}
