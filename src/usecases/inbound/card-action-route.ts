import type { Db } from '../../db/client.ts';
import { currentStatusFor } from '../../db/repositories/rounds.repository.ts';
import { checkIndicatorSubmission, checkSubmission, indicatorFactsFrom, taskFactsFrom } from '../../domain/authorise.ts';
import { parseJsonOrUndefined } from '../../domain/json.ts';
import { actionValueSchema, MAX_DB_ID, validateSubmission, type Submission, type SubmissionResult, type TaskReport } from '../../domain/submission.ts';
import { cardTiming, DEFAULT_LATE_GRACE_DAYS } from '../../domain/late-cards.ts';
import { decideAsk, decideTaskDetail } from '../read-access.ts';
import { STATUS_LABEL } from '../../domain/vocabulary/status.ts';
import type { CardActionOutcome, IndicatorJobPayload, InboundJobSpec, LarkCardAction, ReportJobPayload, RouteContext } from '../../contracts/inbound.ts';
import { isStorableText } from '../../domain/storable-text.ts';
import type { Send } from '../rounds/ports.ts';
import { createAccessCache, type AccessCache } from '../access-cache.ts';
import { createCardPages, type CardPages } from './card-pages.ts';
import { currentOf } from '../../db/repositories/review.repository.ts';
import { parseReviewAction, routeReviewAction } from './review-route.ts';
import { isResultsAction, resultsCardAction } from '../results/card-actions.ts';
import type { ResultsSettings } from '../results/ports.ts';
import { isOperationDecision, routeOperationDecision } from '../operations/decision-route.ts';
import { evidenceCardAction, isEvidenceAction } from '../evidence/card-actions.ts';
import { latestEvidenceFile } from '../../db/repositories/evidence.repository.ts';

const error = (content: string): CardActionOutcome => ({ toast: { type: 'error', content } });

/** What the 详情 button answers: the private message is sent afterwards, and may still fail. */
export const TASK_DETAIL_TOAST = '正在私信发送任务详情，请查看与督办机器人的单聊';
export const ASK_TOAST = '正在私信发送回答，请查看与督办机器人的单聊';

/**
 * Lark waits 3 s for a callback answer, then shows the user an error and drops the answer's card
 * (docs/lark.md#answering-a-card-callback). Past this budget the answer is the toast alone and the card
 * follows through the delayed-update API.
 */
export const CARD_ANSWER_BUDGET_MS = 1500;
/**
 * The delayed update must reach Lark after the answer (else it fails or the answer's state wins):
 * it is queued no sooner than this long after the budget ran out.
 */
const AFTER_ANSWER_MS = 300;

export interface CardActionRouteOptions {
  timezone: string;
  /**
   * The directory, tasks and rounds in memory (src/app/access.ts keeps it current across processes).
   * Without it the route makes its own, which reads the version on every action (one query).
   */
  access?: AccessCache;
  /** The cards answered so far, patched block by block (default: a cache of this route's own). */
  cards?: CardPages;
  /** Longest time spent before answering (default CARD_ANSWER_BUDGET_MS). */
  budgetMs?: number;
  /** Queues the delayed card update (the outbox); without it a late card is dropped. */
  send?: Send;
  /** Days after a round ends during which its cards are still accepted, as late (default 7). */
  lateGraceDays?: number;
  /** 成效报送 settings, for the card a paper confirmation answers with */
  results?: ResultsSettings;
}

/**
 * Card actions: a report or indicator submission is validated and authorised here (from memory),
 * queued, and answered at once with a toast and the card showing "已提交 · who · when" — or,
 * when building that card runs past the budget, with the toast alone, the card following as a
 * delayed update. The worker stores the submission. A refusal says why and queues nothing. The
 * whole path of a submission, file by file from the HTTP route to the Postgres write, is listed
 * in src/app/inbound.ts.
 */
export function createCardActionRoute(db: Db, opts: CardActionRouteOptions) {
  const graceDays = opts.lateGraceDays ?? DEFAULT_LATE_GRACE_DAYS;
  const access = opts.access ?? createAccessCache(db);
  const cards = opts.cards ?? createCardPages(db);
  const budgetMs = opts.budgetMs ?? CARD_ANSWER_BUDGET_MS;
  return async (action: LarkCardAction, ctx: RouteContext): Promise<CardActionOutcome> => {
    const started = Date.now();
    const operator = action.operatorOpenId;
    if (!operator || !isStorableText(operator)) return error('无法识别操作人');
    const raw = typeof action.value === 'string' ? parseJsonOrUndefined(action.value) : action.value;
    if (isTaskDetail(raw)) {
      const allowed = await decideTaskDetail(db, raw.taskId, { openId: operator });
      if (!allowed.ok) return error(allowed.message);
      const payload = { taskId: raw.taskId, openId: operator, chatId: action.openChatId, messageId: action.openMessageId };
      return { toast: { type: 'info', content: TASK_DETAIL_TOAST }, job: { kind: 'task_detail', payload } };
    }
    const review = parseReviewAction(raw);
    if (review) return routeReviewAction(db, review, action, operator, { ...ctx, timezone: opts.timezone, dir: await access.current() });
    if (isResultsAction(raw)) return resultsCardAction(db, raw, action, ctx, { timezone: opts.timezone, settings: opts.results });
    if (isEvidenceAction(raw)) return evidenceCardAction(db, raw, action, { ...ctx, dir: await access.current() });
    if (isAsk(raw)) {
      const allowed = await decideAsk(db, { openId: operator });
      if (!allowed.ok) return error(allowed.message);
      const payload = { question: raw.question, openId: operator, chatId: action.openChatId, messageId: action.openMessageId };
      return { toast: { type: 'info', content: ASK_TOAST }, job: { kind: 'ask', payload } };
    }
    if (isOperationDecision(raw)) {
      return routeOperationDecision(db, raw, { operator, now: ctx.now(), timezone: opts.timezone, messageId: action.openMessageId, chatId: action.openChatId });
    }
    const checked = await withAttachedEvidence(db, raw, action.formValue, validateSubmission({ value: raw, formValue: action.formValue }));
    if (!checked.ok) return error(checked.message);
    const s = checked.value.kind === 'report' && checked.value.keepNote ? await withLastNote(db, checked.value) : checked.value;
    // The common case reads nothing: the directory is in memory, the card is patched (card-pages.ts).
    const dir = await access.current();
    const allowed = s.kind === 'report' ? checkSubmission(taskFactsFrom(dir, s, operator)) : checkIndicatorSubmission(indicatorFactsFrom(dir, s, operator));
    const round = dir.rounds.get(s.roundId);
    if (!allowed.ok) {
      ctx.logger.info({ refusal: allowed.code }, 'card submission refused');
      return error(allowed.message);
    }
    if (!round || round.planId !== s.planId) return error('该填报轮次不存在或卡片已过期，请在最新的卡片上填报');
    const timing = cardTiming(ctx.now(), round, graceDays);
    if (timing === 'expired') {
      ctx.logger.info({ refusal: 'ROUND_EXPIRED', roundId: round.id }, 'card submission refused');
      return error(`该卡片所属的填报轮次（${round.key}）已结束超过 ${graceDays} 天，不再接受补报，请在最新的卡片上填报`);
    }

    // 办结审核: a 已完成 is stored as 待审核 and sent for review, unless it was approved already.
    const toReview = s.kind === 'report' && s.status === 'done' && (await currentOf(db, s.taskId, s.departmentId))?.status !== 'done';
    const job: InboundJobSpec =
      s.kind === 'report'
        ? { kind: toReview ? 'completion_report' : 'status_report', payload: reportPayload(s, operator) }
        : { kind: 'indicator_value', payload: indicatorPayload(s, operator) };
    const submitted = timing === 'late' ? '已提交（逾期补报）' : '已提交';
    const content =
      s.kind === 'report'
        ? `${submitted}：${STATUS_LABEL[s.status]} · ${s.progress}%${toReview ? `（${STATUS_LABEL.pending_review}，审核通过后计为已完成）` : ''}`
        : `${submitted}指标数值：${s.value}`;
    const now = ctx.now();
    const patching = cards.answer({ submission: s, round, dir, who: { by: dir.names.get(operator) ?? operator, at: now }, timezone: opts.timezone, toReview });
    const building = patching.then((p) => p?.card ?? null);
    const patch = await withinBudget(patching, started + budgetMs - Date.now());
    if (patch === LATE) {
      ctx.logger.warn({ budgetMs }, 'card answer past its budget; answering with the toast, the card follows');
      const token = action.cardToken;
      if (token && opts.send) void sendLater(building, started + budgetMs + AFTER_ANSWER_MS, (c) => opts.send!({ kind: 'card_update', token, card: c }, { purpose: 'card_update', ref: `event:${action.eventId}` }), ctx);
      else void building.catch(() => {});
      return { toast: { type: 'success', content }, job, afterQueued: () => void patching.then((p) => p?.apply(), () => {}) };
    }
    return { toast: { type: 'success', content }, job, afterQueued: () => patch?.apply(), ...(patch ? { card: { type: 'raw', data: patch.card } } : {}) };
  };
}

const LATE = Symbol('late');

/** The value if it settles within `ms`, else LATE (the work goes on). */
async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), Math.max(0, ms))));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Queues the late card once it is built and the answer has surely gone out. */
async function sendLater(
  building: Promise<Record<string, unknown> | null>,
  notBefore: number,
  queue: (card: Record<string, unknown>) => Promise<unknown>,
  ctx: RouteContext,
): Promise<void> {
  try {
    const card = await building;
    const wait = notBefore - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (card) await queue(card);
  } catch (e) {
    // The submission itself is queued already; only the card's refresh is lost.
    ctx.logger.error({ error: (e as Error).message }, 'could not queue the delayed card update');
  }
}

/**
 * 办结佐证: a 已完成 without a link stands on the file the unit attached to the task (the latest),
 * looked up only then — one read, on the path that reads the unit's status anyway. Who may report
 * is checked after, as for every submission.
 */
async function withAttachedEvidence(db: Db, raw: unknown, formValue: unknown, first: SubmissionResult): Promise<SubmissionResult> {
  if (first.ok || first.code !== 'EVIDENCE_REQUIRED') return first;
  const target = actionValueSchema.safeParse(raw);
  if (!target.success || target.data.kind !== 'report') return first;
  const attached = await latestEvidenceFile(db, target.data);
  return attached ? validateSubmission({ value: raw, formValue, attached }) : first;
}

/** A blank note on a card that showed the (long) last note instead of prefilling it keeps that note. */
async function withLastNote(db: Db, s: TaskReport): Promise<TaskReport> {
  const last = (await currentStatusFor(db, [s.taskId])).find((r) => r.departmentId === s.departmentId);
  const { keepNote: _keep, ...rest } = s;
  return { ...rest, note: last?.note ?? '' };
}

function reportPayload(s: Extract<Submission, { kind: 'report' }>, operator: string): ReportJobPayload {
  const { kind: _kind, keepNote: _keep, ...rest } = s;
  return { ...rest, reporterOpenId: operator };
}

function indicatorPayload(s: Extract<Submission, { kind: 'indicator' }>, operator: string): IndicatorJobPayload {
  return { planId: s.planId, roundId: s.roundId, departmentId: s.departmentId, indicatorId: s.indicatorId, value: s.value, reporterOpenId: operator };
}

const isDbId = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_DB_ID;

function isTaskDetail(v: unknown): v is { kind: 'task_detail'; taskId: number } {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'task_detail' && isDbId((v as { taskId?: unknown }).taskId);
}

/** A button that asks a question (src/cards/answers/buttons.ts); the question is short, as the bot wrote it. */
function isAsk(v: unknown): v is { kind: 'ask'; question: string } {
  const q = typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'ask' ? (v as { question?: unknown }).question : undefined;
  return typeof q === 'string' && q.trim().length > 0 && q.length <= 200;
}
