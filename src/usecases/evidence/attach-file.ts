import { createHash } from 'node:crypto';
import type { InboundJobOf } from '../../contracts/inbound.ts';
import type { DbOrTx } from '../../db/client.ts';
import { findAttachment, insertEvidenceFile, resultFileBytesOfMessage } from '../../db/repositories/evidence.repository.ts';
import { currentOf, taskForUnit } from '../../db/repositories/review.repository.ts';
import { lockedTaskFacts } from '../../db/repositories/submission-facts.repository.ts';
import { checkSubmission } from '../../domain/authorise.ts';
import { escapeMessageText as txt } from '../../domain/escape.ts';
import { checkAttachable, evidenceRefusal, taskLabel } from '../../domain/evidence.ts';
import { checkFileContent, checkFileName, formatBytes } from '../../domain/results/files.ts';
import { isLarkCallError } from '../../lark/errors.ts';
import type { FileDownload } from '../../lark/resources.ts';
import type { Send } from '../rounds/ports.ts';

export interface AttachDeps {
  send: Send;
  download: FileDownload;
  /** RESULTS_MAX_BYTES: evidence files are held to the 成效报送 limit */
  maxBytes: number;
  now: Date;
}

export type AttachOutcome = { code: 'ATTACHED'; fileId: number } | { code: 'ALREADY_ATTACHED' } | { code: string; refused: true };

/**
 * A task chosen for a file on the 办结佐证 card, in the worker (inside the transaction that records
 * the event id): the clicker must still report for the unit, the task still be the unit's and not
 * approved as done; the name a document, the bytes — those already stored for the same message as
 * 成效报送, else downloaded through Lark within the size limit — that document; then one row with
 * the bytes. Every outcome is answered in the chat under the file; a refusal writes nothing. A
 * download Lark may still serve later (5xx, network) throws, and the job runs again.
 */
export async function attachEvidenceFile(db: DbOrTx, job: InboundJobOf<'evidence_file'>, deps: AttachDeps): Promise<AttachOutcome> {
  const p = job.payload;
  const answer = (text: string) =>
    deps.send({ kind: 'reply', messageId: p.messageId, chatId: p.chatId, content: { text } }, { purpose: 'evidence_file', ref: `event:${job.eventId}` });
  const refuse = async (code: string, message: string): Promise<AttachOutcome> => {
    await answer(message);
    return { code, refused: true };
  };

  // The route decided from memory; the directory may have changed since (as for status reports).
  const [facts] = await lockedTaskFacts(db, [{ planId: p.planId, taskId: p.taskId, departmentId: p.departmentId, operatorOpenId: p.senderOpenId }]);
  const allowed = checkSubmission(facts!);
  if (!allowed.ok) return refuse(allowed.code, `${evidenceRefusal(allowed.message)}。文件未保存。`);
  const task = await taskForUnit(db, p.taskId, p.departmentId);
  const label = task ? taskLabel(task) : '该任务';
  const attachable = checkAttachable({ label, status: (await currentOf(db, p.taskId, p.departmentId))?.status ?? null });
  if (!attachable.ok) return refuse(attachable.code, `${attachable.message}。文件未保存。`);

  const name = p.fileName.trim();
  if (await findAttachment(db, { messageId: p.messageId, taskId: p.taskId, departmentId: p.departmentId })) {
    await answer(`「${txt(name)}」已是${label}的办结佐证，无需重复选择。`);
    return { code: 'ALREADY_ATTACHED' };
  }
  const named = checkFileName(name, '办结佐证');
  if (!named.ok) return refuse(named.code, `${named.message}。文件未保存。`);

  let bytes = await resultFileBytesOfMessage(db, p.messageId);
  if (!bytes) {
    let downloaded;
    try {
      downloaded = await deps.download(p.messageId, p.fileKey, deps.maxBytes);
    } catch (e) {
      if (!isLarkCallError(e) || e.retryable) throw e;
      return refuse('DOWNLOAD_REFUSED', `无法从飞书取得这份文件（错误码 ${e.failure.code ?? '未知'}），未作为办结佐证保存。请重新发送文件本身（不要合并转发）。`);
    }
    if (!downloaded.ok) return refuse('FILE_TOO_LARGE', `文件过大（超过 ${formatBytes(deps.maxBytes)}），办结佐证不超过 ${formatBytes(deps.maxBytes)}；请压缩或拆分后重新发送。`);
    bytes = downloaded.bytes;
  }
  const content = checkFileContent(named.value, bytes, deps.maxBytes, '办结佐证');
  if (!content.ok) return refuse(content.code, `${content.message}。文件未保存。`);

  // When the reporter chose the task (the webhook's clock): the latest attachment counts.
  const received = new Date(job.receivedAt);
  const stored = await insertEvidenceFile(db, {
    planId: p.planId,
    taskId: p.taskId,
    departmentId: p.departmentId,
    fileName: name,
    mimeType: content.value.mime,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    content: bytes,
    messageId: p.messageId,
    fileKey: p.fileKey,
    chatId: p.chatId,
    submittedBy: p.senderOpenId,
    submittedAt: Number.isNaN(received.getTime()) ? deps.now : received,
  });
  if (!stored) {
    await answer(`「${txt(name)}」已是${label}的办结佐证，无需重复选择。`);
    return { code: 'ALREADY_ATTACHED' };
  }
  await answer(`已将「${txt(name)}」作为${label}的办结佐证。在任务卡片上报送「已完成」时可不填佐证链接。`);
  return { code: 'ATTACHED', fileId: stored.id };
}
