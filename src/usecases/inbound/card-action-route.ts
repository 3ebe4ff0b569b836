import { buildDepartmentCards } from '../../cards/department-card.ts';
import { componentNames } from '../../cards/limits.ts';
import type { Db } from '../../db/client.ts';
import { findRoundById, type RoundRecord } from '../../db/repositories/rounds.repository.ts';
import { checkIndicatorSubmission, checkSubmission } from '../../domain/authorise.ts';
import { parseJsonOrUndefined } from '../../domain/json.ts';
import { indicatorFieldNames, MAX_DB_ID, taskFieldNames, validateSubmission, type Submission } from '../../domain/submission.ts';
import { cardTiming, DEFAULT_LATE_GRACE_DAYS } from '../../domain/late-cards.ts';
import { decideTaskDetail } from '../read-access.ts';
import { STATUS_LABEL } from '../../domain/vocabulary/status.ts';
import type { CardActionOutcome, IndicatorJobPayload, InboundJobSpec, LarkCardAction, ReportJobPayload, RouteContext } from '../../contracts/inbound.ts';
import { loadDepartmentCardInputs } from '../rounds/department-card-inputs.ts';
import { createDisplayCache, type DisplayCache } from './display-cache.ts';
import { indicatorSubmissionFacts, taskSubmissionFacts } from '../../db/repositories/submission-facts.repository.ts';

const error = (content: string): CardActionOutcome => ({ toast: { type: 'error', content } });

/**
 * Card actions: a report or indicator submission is validated and authorised here (reads only),
 * queued, and answered at once with a toast and the card showing "已提交 · who · when".
 * The worker stores it. A refusal says why and queues nothing. The whole path of a submission,
 * file by file from the HTTP route to the Postgres write, is listed in src/app/inbound.ts.
 */
export function createCardActionRoute(db: Db, opts: { timezone: string; displayCacheMs?: number; lateGraceDays?: number }) {
  const graceDays = opts.lateGraceDays ?? DEFAULT_LATE_GRACE_DAYS;
  const display = createDisplayCache(db, opts.displayCacheMs);
  return async (action: LarkCardAction, ctx: RouteContext): Promise<CardActionOutcome> => {
    const operator = action.operatorOpenId;
    if (!operator) return error('无法识别操作人');
    const raw = typeof action.value === 'string' ? parseJsonOrUndefined(action.value) : action.value;
    if (isTaskDetail(raw)) {
      const allowed = await decideTaskDetail(db, raw.taskId, { openId: operator });
      if (!allowed.ok) return error(allowed.message);
      return { toast: { type: 'success', content: '已将任务详情私信发送给您' }, job: { kind: 'task_detail', payload: { taskId: raw.taskId, openId: operator } } };
    }
    const checked = validateSubmission({ value: raw, formValue: action.formValue });
    if (!checked.ok) return error(checked.message);
    const s = checked.value;
    const [allowed, round] = await Promise.all([
      s.kind === 'report'
        ? taskSubmissionFacts(db, s, operator).then(checkSubmission)
        : indicatorSubmissionFacts(db, s, operator).then(checkIndicatorSubmission),
      findRoundById(db, s.roundId),
    ]);
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

    const job: InboundJobSpec =
      s.kind === 'report'
        ? { kind: 'status_report', payload: reportPayload(s, operator) }
        : { kind: 'indicator_value', payload: indicatorPayload(s, operator) };
    const submitted = timing === 'late' ? '已提交（逾期补报）' : '已提交';
    const content = s.kind === 'report' ? `${submitted}：${STATUS_LABEL[s.status]} · ${s.progress}%` : `${submitted}指标数值：${s.value}`;
    const card = await updatedCard(db, display, s, round, operator, ctx.now(), opts.timezone);
    return { toast: { type: 'success', content }, job, ...(card ? { card: { type: 'raw', data: card } } : {}) };
  };
}

function reportPayload(s: Extract<Submission, { kind: 'report' }>, operator: string): ReportJobPayload {
  const { kind: _kind, ...rest } = s;
  return { ...rest, reporterOpenId: operator };
}

function indicatorPayload(s: Extract<Submission, { kind: 'indicator' }>, operator: string): IndicatorJobPayload {
  return { planId: s.planId, roundId: s.roundId, departmentId: s.departmentId, indicatorId: s.indicatorId, value: s.value, reporterOpenId: operator };
}

/** The page of the department's card holding this task, as it looks after this submission. */
async function updatedCard(
  db: Db,
  display: DisplayCache,
  s: Submission,
  round: RoundRecord,
  operator: string,
  now: Date,
  timezone: string,
): Promise<Record<string, unknown> | null> {
  const [view, depts] = await Promise.all([display.planView(s.planId), display.departments()]);
  const dept = depts.find((d) => d.id === s.departmentId);
  if (!view || !dept) return null;
  const input = (await loadDepartmentCardInputs(db, { view, round, departments: [dept], now, timezone })).get(dept.id);
  if (!input) return null;
  const who = { by: await display.nameOf(operator), at: now };
  if (s.kind === 'report') {
    const t = input.tasks.find((x) => x.id === s.taskId);
    if (t) {
      t.submitted = who;
      t.last = { status: s.status, progress: s.progress, note: s.note, reporterName: who.by, reportedAt: now };
    }
  } else {
    const i = input.indicators?.find((x) => x.id === s.indicatorId);
    if (i) {
      i.submitted = who;
      i.last = { value: s.value, reporterName: who.by, reportedAt: now };
    }
  }
  const formName = s.kind === 'report' ? taskFieldNames(s.taskId).form : indicatorFieldNames(s.indicatorId).form;
  return buildDepartmentCards(input).find((c) => componentNames(c).includes(formName)) ?? null;
}

const isDbId = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_DB_ID;

function isTaskDetail(v: unknown): v is { kind: 'task_detail'; taskId: number } {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'task_detail' && isDbId((v as { taskId?: unknown }).taskId);
}
