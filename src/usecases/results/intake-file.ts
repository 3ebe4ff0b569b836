import { createHash } from 'node:crypto';
import { buildUnitChoiceCard } from '../../cards/results-unit-choice.ts';
import type { InboundJobOf } from '../../contracts/inbound.ts';
import type { DbOrTx } from '../../db/client.ts';
import { departmentByChat } from '../../db/repositories/directory.repository.ts';
import { findActivePlan } from '../../db/repositories/plan.repository.ts';
import { findResultFileByMessage, insertResultFile, listResultFiles, unitsOfReporter } from '../../db/repositories/results.repository.ts';
import { escapeMessageText as txt } from '../../domain/escape.ts';
import { chineseDate, chooseUnit, collectionPhase } from '../../domain/results/collection.ts';
import { checkFileContent, checkFileName, formatBytes } from '../../domain/results/files.ts';
import { formatLocalTime } from '../../domain/rounds.ts';
import { isLarkCallError } from '../../lark/errors.ts';
import type { MessageContent } from '../../lark/operations.ts';
import type { IntakeDeps } from './ports.ts';

export type IntakeOutcome =
  | { code: 'STORED'; departmentId: number; fileId: number }
  | { code: 'IGNORED' }
  | { code: 'ASKED_UNIT' }
  | { code: string; refused: true };

/**
 * A file message taken as a unit's 成效报送 electronic report, in the worker (inside the
 * transaction that records the event id): which unit it is for (src/domain/results/collection.ts),
 * whether its name is a document, the download through Lark (bounded by RESULTS_MAX_BYTES),
 * whether the bytes are that document, then one row with the bytes. Every refusal is answered in
 * the chat with its reason and writes nothing; a download Lark may still serve later (5xx,
 * network) throws, so the job runs again.
 */
export async function intakeResultFile(db: DbOrTx, job: InboundJobOf<'result_file'>, deps: IntakeDeps): Promise<IntakeOutcome> {
  const p = job.payload;
  const answer = (content: MessageContent) =>
    deps.send({ kind: 'reply', messageId: p.messageId, chatId: p.chatId, content }, { purpose: 'results_file', ref: `event:${job.eventId}` });
  const refuse = async (code: string, message: string): Promise<IntakeOutcome> => {
    await answer({ text: message });
    return { code, refused: true };
  };

  const chatUnit = p.chatType === 'p2p' ? null : await departmentByChat(db, p.chatId);
  const senderUnits = await unitsOfReporter(db, p.senderOpenId);
  let choice = chooseUnit({ chatType: p.chatType, chatUnit: chatUnit && { id: chatUnit.id, name: chatUnit.name }, senderUnits });
  if (choice.kind === 'ignore') return { code: 'IGNORED' };
  if (p.departmentId !== undefined) {
    // chosen on the card: still only a unit the sender reports for
    const chosen = senderUnits.find((u) => u.id === p.departmentId);
    if (!chosen) return refuse('NOT_REPORTER', '您不是所选单位的填报人，文件未作为成效报送保存。');
    choice = { kind: 'unit', unit: chosen };
  }
  if (choice.kind === 'refuse') return refuse(choice.code, choice.message);

  const plan = await findActivePlan(db);
  if (!plan?.reportDeadline) return refuse('NO_COLLECTION', '目前没有需要报送成效的计划，文件未保存。');
  const phase = collectionPhase(plan.reportDeadline, deps.settings.leadDays, deps.now, deps.timezone);
  if (phase.phase === 'not_yet') {
    return refuse('NOT_YET', `成效报送自 ${chineseDate(phase.start)} 开始（截止 ${chineseDate(plan.reportDeadline)}），届时督办会发送报送卡片；文件未保存。`);
  }

  const named = checkFileName(p.fileName);
  if (!named.ok) return refuse(named.code, named.message);

  const already = await findResultFileByMessage(db, p.messageId);
  if (already) return refuse('ALREADY_STORED', `这份文件已作为${txt(already.departmentName)}的成效报送保存，无需重复发送。`);

  if (choice.kind === 'ask') {
    const card = buildUnitChoiceCard({ file: { messageId: p.messageId, chatId: p.chatId, fileKey: p.fileKey, fileName: p.fileName }, units: choice.units });
    await answer({ card });
    return { code: 'ASKED_UNIT' };
  }

  let downloaded;
  try {
    downloaded = await deps.download(p.messageId, p.fileKey, deps.settings.maxBytes);
  } catch (e) {
    if (!isLarkCallError(e) || e.retryable) throw e;
    return refuse('DOWNLOAD_REFUSED', `无法从飞书取得这份文件（错误码 ${e.failure.code ?? '未知'}），文件未保存。请重新发送文件本身（不要合并转发）。`);
  }
  if (!downloaded.ok) {
    return refuse('FILE_TOO_LARGE', `文件过大（超过 ${formatBytes(deps.settings.maxBytes)}），成效报送材料不超过 ${formatBytes(deps.settings.maxBytes)}；请压缩图片或拆分后重新发送。`);
  }
  const content = checkFileContent(named.value, downloaded.bytes, deps.settings.maxBytes);
  if (!content.ok) return refuse(content.code, content.message);

  const unit = choice.unit;
  // When duban accepted the message (the webhook's clock), as for status reports: for a unit chosen
  // on the card, when the choice was made.
  const received = new Date(job.receivedAt);
  const submittedAt = Number.isNaN(received.getTime()) ? deps.now : received;
  const earlier = (await listResultFiles(db, plan.id)).filter((f) => f.departmentId === unit.id).length;
  const stored = await insertResultFile(db, {
    planId: plan.id,
    departmentId: unit.id,
    fileName: p.fileName.trim(),
    mimeType: content.value.mime,
    sizeBytes: downloaded.bytes.length,
    sha256: createHash('sha256').update(downloaded.bytes).digest('hex'),
    content: downloaded.bytes,
    messageId: p.messageId,
    fileKey: p.fileKey,
    chatId: p.chatId,
    submittedBy: p.senderOpenId,
    submittedAt,
    storedAt: deps.now,
  });
  if (!stored) return refuse('ALREADY_STORED', '这份文件已保存，无需重复发送。');
  const replaced = earlier ? `此前收到的 ${earlier} 份以这份为准。` : '';
  await answer({
    text: `已收到${txt(unit.name)}的成效报送电子版「${txt(p.fileName.trim())}」（${content.value.label}，${formatBytes(downloaded.bytes.length)}），${formatLocalTime(submittedAt, deps.timezone)}。${replaced}纸质版寄出后请在成效报送卡片上确认。`,
  });
  return { code: 'STORED', departmentId: unit.id, fileId: stored.id };
}
