import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/client.ts';
import { DubanError } from '../../errors.ts';
import { LARK_FILE_MAX_BYTES, type LarkFileType } from '../../lark/operations.ts';
// exceljs and docx load only when an export runs (a web process never needs them: issue 14)
import type { ExportFormat } from '../export-report.ts';

export interface ExportedFile {
  fileName: string;
  /** The upload's file_type: Lark's `xls` and `doc` cover the Office formats (im/v1/files). */
  fileType: LarkFileType;
  bytes: Buffer;
  tasks: number;
  rows: number;
}

const KIND: Record<ExportFormat, { name: string; fileType: LarkFileType }> = {
  xlsx: { name: '督办台账', fileType: 'xls' },
  docx: { name: '成效报送', fileType: 'doc' },
};

/**
 * The year-end report as bytes, written by the same exporter as `duban export` into a private
 * temporary folder and removed again. Refused when Lark would refuse it (empty, over 30 MB).
 */
export async function exportToBytes(db: DbOrTx, format: ExportFormat, o: { now: Date; timezone: string }): Promise<ExportedFile> {
  const kind = KIND[format];
  const fileName = `${kind.name}_${DateTime.fromJSDate(o.now, { zone: o.timezone }).toFormat('yyyy-MM-dd')}.${format}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'duban-export-'));
  try {
    const result = await (await import('../export-report.ts')).exportReport(db, { format, out: path.join(dir, fileName), now: o.now, timezone: o.timezone });
    const bytes = await readFile(result.file);
    if (bytes.length === 0) throw new DubanError('EXPORT_EMPTY', '导出的文件为空，未发送');
    if (bytes.length > LARK_FILE_MAX_BYTES) {
      throw new DubanError('EXPORT_TOO_LARGE', `导出的文件有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过飞书 30 MB 的上限；请用命令行 duban export --format ${format} 导出`);
    }
    return { fileName, fileType: kind.fileType, bytes, tasks: result.tasks, rows: result.rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
