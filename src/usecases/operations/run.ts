import type { Db, DbOrTx } from '../../db/client.ts';
import type { AdminOperation } from '../../domain/operations.ts';
import type { Send } from '../rounds/ports.ts';
import { runStep } from '../steps.ts';
import { exportToBytes } from './export-file.ts';

export interface RunOperationDeps {
  db: DbOrTx;
  send: Send;
  now: Date;
  timezone: string;
}

/**
 * Runs a confirmed operation: the four steps exactly as the schedule and the CLI run them
 * (runStep), the exports as `duban export` writes them, sent as a file to the admin who confirmed.
 * Returns the one-line outcome.
 */
export async function runOperation(op: AdminOperation, who: { operationId: number; openId: string }, deps: RunOperationDeps): Promise<string> {
  if (op !== 'export_ledger' && op !== 'export_report') {
    // runStep takes the database it is given: here the inbound job's transaction (PGlite has one connection).
    return runStep(op, { db: deps.db as Db, send: deps.send, now: () => deps.now, timezone: deps.timezone });
  }
  const file = await exportToBytes(deps.db, op === 'export_ledger' ? 'xlsx' : 'docx', { now: deps.now, timezone: deps.timezone });
  await deps.send(
    { kind: 'file', to: { openId: who.openId }, fileName: file.fileName, fileType: file.fileType, fileBase64: file.bytes.toString('base64') },
    { purpose: 'export_file', ref: `operation:${who.operationId}:file` },
  );
  const size = file.bytes.length >= 1024 * 1024 ? `${(file.bytes.length / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(file.bytes.length / 1024))} KB`;
  return `已导出「${file.fileName}」（${file.tasks} 项任务，${file.rows} 行，${size}），文件已发送到您与督办机器人的私聊`;
}
