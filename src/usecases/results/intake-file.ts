import { createHash } from 'node:crypto';
import { buildEvidenceChoiceCard } from '../../cards/evidence-cards.ts';
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
import { openEvidenceTasks } from '../evidence/choices.ts';
import type { IntakeDeps } from './ports.ts';

export type IntakeOutcome =
  | { code: 'STORED'; departmentId: number; fileId: number }
  | { code: 'IGNORED' }
  | { code: 'ASKED_UNIT' }
  | { code: 'ASKED_TASK' }
  | { code: string; refused: true };

/**
 * A file message taken as a unit's 成效报送 electronic report, in the worker (inside the
 * transaction that records the event id): which unit it is for (src/domain/results/collection.ts),
 * whether its name is a document, the download through Lark (bounded by RESULTS_MAX_BYTES),
 * whether the bytes are that document, then one row with the bytes. Every refusal is answered in
 * the chat with its reason and writes nothing; a download Lark may still serve later (5xx,
 * network) throws, so the job runs again.
 *
 * A file may also be a task's 办结佐证: outside the 成效报送 period a document from a unit with
 * tasks not yet approved as done is answered with those tasks as buttons (nothing is stored until
 * one is chosen: src/usecases/evidence/attach-file.ts); during it the confirmation offers them too.
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
  if (!plan) return refuse('NO_COLLECTION', '目前没有需要报送成效的计划，文件未保存。');
  const phase = collectionPhase(plan.reportDeadline, deps.settings.leadDays, deps.now, deps.timezone);
  if (phase.phase !== 'open') {
    // Not a 成效报送 now: perhaps a task's 办结佐证, else refused as before.
    const outside = () =>
      phase.phase === 'not_yet'
        ? refuse('NOT_YET', `成效报送自 ${chineseDate(phase.start)} 开始（截止 ${chineseDate(plan.reportDeadline!)}），届时督办会发送报送卡片；文件未保存。`)
        : refuse('NO_COLLECTION', '目前没有需要报送成效的计划，文件未保存。');
    const units = choice.kind === 'unit' ? [choice.unit] : choice.units;
    const withTasks = [];
    // one after another: the job's transaction is one connection
    for (const unit of units) {
      const tasks = await openEvidenceTasks(db, plan.id, unit.id);
      if (tasks.shown.length > 0) withTasks.push({ unit, tasks });
    }
    if (withTasks.length === 0) return outside();
    const evidenceName = checkFileName(p.fileName, '办结佐证');
    if (!evidenceName.ok) return refuse(evidenceName.code, evidenceName.message);
    const file = { messageId: p.messageId, chatId: p.chatId, fileKey: p.fileKey, fileName: p.fileName.trim() };
    if (choice.kind === 'ask') {
      await answer({ card: buildUnitChoiceCard({ file, units: withTasks.map((o) => o.unit), purpose: '办结佐证' }) });
      return { code: 'ASKED_UNIT' };
    }
    const { unit, tasks } = withTasks[0]!;
    await answer({ card: buildEvidenceChoiceCard({ file, planId: plan.id, departmentId: unit.id, unitName: unit.name, tasks: tasks.shown, more: tasks.more }) });
    return { code: 'ASKED_TASK' };
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
  const confirmation = (esc: (s: string) => string) =>
    `已收到${esc(unit.name)}的成效报送电子版「${esc(p.fileName.trim())}」（${content.value.label}，${formatBytes(downloaded.bytes.length)}），${formatLocalTime(submittedAt, deps.timezone)}。${replaced}纸质版寄出后请在成效报送卡片上确认。`;
  // The same file may be a task's 办结佐证 too: offered on the confirmation when the unit has open tasks.
  const open = await openEvidenceTasks(db, plan.id, unit.id);
  if (open.shown.length === 0) {
    await answer({ text: confirmation(txt) });
  } else {
    const file = { messageId: p.messageId, chatId: p.chatId, fileKey: p.fileKey, fileName: p.fileName.trim() };
    await answer({ card: buildEvidenceChoiceCard({ file, planId: plan.id, departmentId: unit.id, unitName: unit.name, tasks: open.shown, more: open.more, storedAsResults: confirmation((s) => s) }) });
  }
  return { code: 'STORED', departmentId: unit.id, fileId: stored.id };
}
