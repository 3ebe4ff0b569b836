import { rename, rm } from 'node:fs/promises';
import type { DbOrTx } from '../db/client.ts';
import { writeReportDocx } from '../export/docx.ts';
import type { ExportProgress } from '../export/types.ts';
import { writeLedgerXlsx } from '../export/xlsx.ts';
import { DubanError } from '../errors.ts';
import { loadHistoryRows, loadReportData } from './export-report-data.ts';

export const EXPORT_FORMATS = ['xlsx', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  format: ExportFormat;
  file: string;
  tasks: number;
  rows: number;
}

/** Writes the year-end report (xlsx 台账 or docx 成效报送) for the active plan to `out`. */
export async function exportReport(
  db: DbOrTx,
  opts: { format: string; out: string; now: Date; timezone: string; onProgress?: ExportProgress },
): Promise<ExportResult> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
    throw new DubanError('EXPORT_FORMAT_UNKNOWN', `不支持的导出格式：${opts.format}（可选 xlsx、docx）`);
  }
  const format = opts.format as ExportFormat;
  const data = await loadReportData(db, opts.timezone);
  // written aside and renamed, so a failed export never leaves half a file under the asked name
  const partial = `${opts.out}.partial`;
  try {
    if (format === 'xlsx') {
      const history = await loadHistoryRows(db, data);
      await writeLedgerXlsx(data, partial, { timezone: opts.timezone, now: opts.now, onProgress: opts.onProgress, history });
    }
    else await writeReportDocx(data, partial, { now: opts.now, timezone: opts.timezone, onProgress: opts.onProgress });
    await rename(partial, opts.out);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return { format, file: opts.out, tasks: data.tasks.length, rows: data.tasks.reduce((n, t) => n + t.departments.length, 0) };
}
