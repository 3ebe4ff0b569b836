import type { Db } from '../../db/client.ts';
import { findTaskById } from '../../db/repositories/plan.repository.ts';
import { appendIndicatorValue } from '../../db/repositories/reports.repository.ts';
import { lockedIndicatorFacts, lockedTaskFacts } from '../../db/repositories/submission-facts.repository.ts';
import { checkIndicatorSubmission, checkSubmission } from '../../domain/authorise.ts';
import { DubanError } from '../../errors.ts';
import { revoked } from './store-report-batch.ts';
import type { InboundHandlers } from '../../contracts/inbound.ts';
import type { BotIdentity } from '../../lark/bot-identity.ts';
import { answerQuestion, type AskCache } from '../ask.ts';
import { runDirectoryCommand } from '../directory-commands.ts';
import type { Send } from '../rounds/ports.ts';
import { storeReport } from '../store-report.ts';
import { recordBotMembership } from '../bot-membership.ts';
import { decideCompletion, storeCompletion } from '../review/completion.ts';
import { decideExtensionRequest, requestExtension, sendExtensionForm, type ReviewDeps } from '../review/extension.ts';
import type { FileDownload } from '../../lark/resources.ts';
import { confirmPaper } from '../../db/repositories/results.repository.ts';
import { intakeResultFile } from '../results/intake-file.ts';
import { DEFAULT_RESULTS_SETTINGS, type ResultsSettings } from '../results/ports.ts';
import { attachEvidenceFile } from '../evidence/attach-file.ts';
import { sendEvidenceFile } from '../evidence/send-file.ts';
import { requestOperation } from '../operations/request.ts';
import { decideOnOperation } from '../operations/decide.ts';

export interface InboundHandlerDeps {
  send: Send;
  timezone: string;
  askCache?: AskCache;
  /** The bot's own open_id: mentioning the bot never makes it a reporter. */
  bot?: BotIdentity;
  /** Downloads a message's file from Lark (成效报送); without it files are answered as unreadable. */
  download?: FileDownload;
  results?: ResultsSettings;
}

/** The reply to a message the bot cannot read (an image, a file, …). */
export const UNSUPPORTED_REPLY =
  '我目前只能读懂文字消息，以及作为成效报送或任务办结佐证的文件（PDF、Word、WPS、OFD、Excel）。请直接输入问题，例如「任务5进展」「哪些任务有风险」「本周简报」；填报请使用每周发送的任务填报卡片。';

/**
 * Worker side of inbound jobs. Each runs inside the transaction that records the event id, so a
 * reply stored here is stored once; outgoing answers go through the outbox under a ref derived
 * from the message, so a retried job never answers twice. One handler per kind of
 * src/contracts/inbound.ts: a new kind there does not compile until it has one here.
 */
export function createInboundHandlers(deps: InboundHandlerDeps): InboundHandlers {
  // 延期申请 / 办结审核 (src/usecases/review/): reads and writes through the job's transaction.
  const review = (ctx: { tx: unknown; now: () => Date; logger: ReviewDeps['logger'] }): ReviewDeps => ({
    db: ctx.tx as Db,
    send: deps.send,
    now: ctx.now(),
    timezone: deps.timezone,
    logger: ctx.logger,
  });
  return {
    extension_form: (job, ctx) => sendExtensionForm(review(ctx), job.payload, job.eventId),
    extension_request: (job, ctx) => requestExtension(review(ctx), job.payload, job.eventId),
    extension_decision: (job, ctx) => decideExtensionRequest(review(ctx), job.payload),
    completion_report: (job, ctx) => storeCompletion(review(ctx), job.payload, job.eventId, job.receivedAt),
    completion_decision: (job, ctx) => decideCompletion(review(ctx), job.payload, job.eventId),
    status_report: async (job, { tx, logger }) => {
      const p = job.payload;
      const [facts] = await lockedTaskFacts(tx, [{ planId: p.planId, taskId: p.taskId, departmentId: p.departmentId, operatorOpenId: p.reporterOpenId }]);
      const decision = checkSubmission(facts!);
      if (!decision.ok) throw revoked(decision);
      const result = await storeReport(tx, { ...job.payload, eventId: job.eventId, receivedAt: job.receivedAt });
      logger.info({ result }, 'status report handled');
    },
    indicator_value: async (job, { tx }) => {
      const p = job.payload;
      const decision = checkIndicatorSubmission(await lockedIndicatorFacts(tx, { ...p, operatorOpenId: p.reporterOpenId }));
      if (!decision.ok) throw revoked(decision);
      await appendIndicatorValue(tx, {
        indicatorId: p.indicatorId,
        roundId: p.roundId,
        value: p.value,
        reporterOpenId: p.reporterOpenId,
        reportedAt: new Date(job.receivedAt),
        eventId: job.eventId,
      });
    },
    message: async (job, { tx, now }) => {
      // Every read goes through the job's transaction: PGlite has one connection, and a read on
      // another would wait for this transaction forever.
      const db = tx as unknown as Db;
      const msg = job.payload;
      const text = msg.text ?? '';
      const command =
        msg.chatType === 'p2p'
          ? null
          : await runDirectoryCommand(db, {
              text,
              mentions: msg.mentions.map((m) => ({ key: m.key, id: { open_id: m.openId ?? null }, name: m.name })),
              chatId: msg.chatId,
              senderOpenId: msg.senderOpenId ?? '',
              botOpenId: (await deps.bot?.openId()) ?? null,
            });
      const content = command
        ? { text: command.reply }
        : { card: (await answerQuestion(db, text, { now: now(), timezone: deps.timezone, cache: deps.askCache, asker: { openId: msg.senderOpenId ?? null } })).card };
      await deps.send(
        { kind: 'reply', messageId: msg.messageId, chatId: msg.chatId, content },
        { purpose: 'answer', ref: `message:${msg.messageId}` },
      );
    },
    unsupported_message: async (job) => {
      const msg = job.payload;
      await deps.send(
        { kind: 'reply', messageId: msg.messageId, chatId: msg.chatId, content: { text: UNSUPPORTED_REPLY } },
        { purpose: 'answer', ref: `message:${msg.messageId}` },
      );
    },
    result_file: async (job, { tx, now, logger }) => {
      if (!deps.download) {
        const msg = job.payload;
        await deps.send({ kind: 'reply', messageId: msg.messageId, chatId: msg.chatId, content: { text: UNSUPPORTED_REPLY } }, { purpose: 'answer', ref: `message:${msg.messageId}` });
        return;
      }
      const outcome = await intakeResultFile(tx, job, { send: deps.send, download: deps.download, settings: deps.results ?? DEFAULT_RESULTS_SETTINGS, timezone: deps.timezone, now: now() });
      logger.info({ outcome: outcome.code }, 'results file handled');
    },
    // a task chosen for a file on the 办结佐证 card: downloaded, checked, attached (or refused in the chat)
    evidence_file: async (job, { tx, now, logger }) => {
      if (!deps.download) {
        const p = job.payload;
        await deps.send({ kind: 'reply', messageId: p.messageId, chatId: p.chatId, content: { text: UNSUPPORTED_REPLY } }, { purpose: 'answer', ref: `event:${job.eventId}` });
        return;
      }
      const outcome = await attachEvidenceFile(tx, job, { send: deps.send, download: deps.download, maxBytes: (deps.results ?? DEFAULT_RESULTS_SETTINGS).maxBytes, now: now() });
      logger.info({ outcome: outcome.code }, 'evidence file handled');
    },
    // 查看佐证文件 on a review card: the file, privately, to the reviewer who clicked
    evidence_file_send: async (job, { tx, logger }) => {
      logger.info({ outcome: await sendEvidenceFile(tx, job, { send: deps.send }) }, 'evidence file sent');
    },
    results_paper: async (job, { tx, now }) => {
      const p = job.payload;
      await confirmPaper(tx, { planId: p.planId, departmentId: p.departmentId, confirmedBy: p.openId, confirmedAt: new Date(job.receivedAt || now().toISOString()) });
    },
    task_detail: async (job, { tx, now }) => {
      const db = tx as unknown as Db;
      const p = job.payload;
      const task = await findTaskById(db, p.taskId);
      if (!task) throw new DubanError('TASK_UNKNOWN', `任务 ${p.taskId} 不存在`, { retryable: false });
      const answer = await answerQuestion(db, `任务${task.number}`, { now: now(), timezone: deps.timezone, cache: deps.askCache, asker: { openId: p.openId } });
      // Where the person clicked, to tell them there if Lark cannot reach them privately (230013).
      const context = p.chatId ? { chatId: p.chatId, ...(p.messageId ? { messageId: p.messageId } : {}) } : undefined;
      await deps.send({ kind: 'send', to: { openId: p.openId }, content: { card: answer.card } }, { purpose: 'task_detail', ref: `event:${job.eventId}`, context });
    },
    bot_membership: async (job, { tx, now }) => {
      await recordBotMembership({ db: tx, send: deps.send, now: now(), timezone: deps.timezone }, job.payload, job.eventId);
    },
    // an admin operation asked in chat or from the bot menu: the confirmation card (or a refusal)
    operation_request: async (job, { tx, now, logger }) => {
      const outcome = await requestOperation({ db: tx, send: deps.send, now: now(), timezone: deps.timezone }, job.payload, job.eventId);
      logger.info({ outcome, source: job.payload.source }, 'operation request handled');
    },
    // 确认 / 取消 on the confirmation card: the operation runs once, whatever the clicks
    operation_decision: async (job, { tx, now, logger }) => {
      const outcome = await decideOnOperation({ db: tx, send: deps.send, now: now(), timezone: deps.timezone, logger }, job.payload);
      logger.info({ outcome, decision: job.payload.decision }, 'operation decision handled');
    },
    // Queued as is only by the default route (no app logic plugged in): recording the event is all.
    card_action: async (_job, { logger }) => logger.info('raw card action; event recorded only'),
    // a question asked by clicking a button (ask-back candidates, guesses): answered privately
    ask: async (job, { tx, now }) => {
      const p = job.payload;
      // the read policy applies to the clicked question as to a typed one (answerQuestion gates it)
      const answer = await answerQuestion(tx as unknown as Db, p.question, { now: now(), timezone: deps.timezone, cache: deps.askCache, asker: { openId: p.openId } });
      const context = p.chatId ? { chatId: p.chatId, ...(p.messageId ? { messageId: p.messageId } : {}) } : undefined;
      await deps.send({ kind: 'send', to: { openId: p.openId }, content: { card: answer.card } }, { purpose: 'answer', ref: `event:${job.eventId}`, context });
    },
  };
}
