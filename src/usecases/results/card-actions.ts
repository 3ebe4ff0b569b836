import { buildResultsCard, type ResultsPaperValue } from '../../cards/results-card.ts';
import type { ResultsFileUnitValue } from '../../cards/results-unit-choice.ts';
import type { CardActionOutcome, LarkCardAction, RouteContext } from '../../contracts/inbound.ts';
import type { Db } from '../../db/client.ts';
import { isReporter } from '../../db/repositories/directory.repository.ts';
import { findActivePlan } from '../../db/repositories/plan.repository.ts';
import { findPersonName } from '../../db/repositories/directory.repository.ts';
import { collectionPhase } from '../../domain/results/collection.ts';
import { checkFileName } from '../../domain/results/files.ts';
import { MAX_DB_ID } from '../../domain/submission.ts';
import { formatLocalTime } from '../../domain/rounds.ts';
import { loadResultsOverview } from './overview.ts';
import { DEFAULT_REPORT_TO, DEFAULT_RESULTS_SETTINGS, type ResultsSettings } from './ports.ts';

const error = (content: string): CardActionOutcome => ({ toast: { type: 'error', content } });
const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= MAX_DB_ID;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

function paperValue(raw: unknown): ResultsPaperValue | null {
  const v = raw as Partial<ResultsPaperValue> | null;
  return v && typeof v === 'object' && v.kind === 'results_paper' && isId(v.planId) && isId(v.departmentId) ? (v as ResultsPaperValue) : null;
}

function unitValue(raw: unknown): ResultsFileUnitValue | null {
  const v = raw as Partial<ResultsFileUnitValue> | null;
  if (!v || typeof v !== 'object' || v.kind !== 'results_file_unit') return null;
  return isId(v.departmentId) && isText(v.messageId, 100) && isText(v.chatId, 100) && isText(v.fileKey, 200) && typeof v.fileName === 'string' ? (v as ResultsFileUnitValue) : null;
}

/** Whether a card action belongs to 成效报送 (its value's kind), however malformed the rest. */
export const isResultsAction = (raw: unknown): boolean =>
  Boolean(raw && typeof raw === 'object' && ['results_paper', 'results_file_unit'].includes(String((raw as { kind?: unknown }).kind)));

/**
 * The 成效报送 card actions, decided in the webhook (reads only): 纸质版已寄出 by one of the unit's
 * reporters is queued and answered with the card showing it confirmed; a unit chosen for a
 * privately sent file queues the file's intake for that unit. Anything else is refused, queues
 * nothing.
 */
export async function resultsCardAction(db: Db, raw: unknown, action: LarkCardAction, ctx: RouteContext, o: { timezone: string; settings?: ResultsSettings }): Promise<CardActionOutcome> {
  const operator = action.operatorOpenId!;
  const paper = paperValue(raw);
  if (paper) {
    const plan = await findActivePlan(db);
    if (!plan || plan.id !== paper.planId || !plan.reportDeadline) return error('这张成效报送卡片已过期，请在最新的卡片上确认');
    if (!(await isReporter(db, paper.departmentId, operator))) return error('您不是该单位的填报人，不能确认纸质版寄出');
    const overview = await loadResultsOverview(db, plan);
    const status = overview.units.find((u) => u.unit.id === paper.departmentId);
    if (!status) return error('该单位已不在名录中');
    const now = ctx.now();
    const confirmed = status.paper ?? { departmentId: paper.departmentId, confirmedBy: operator, confirmedByName: await findPersonName(db, operator), confirmedAt: now };
    const settings = o.settings ?? DEFAULT_RESULTS_SETTINGS;
    const phase = collectionPhase(plan.reportDeadline, settings.leadDays, now, o.timezone);
    const card = buildResultsCard({
      planId: plan.id,
      status: { ...status, paper: confirmed },
      reportDeadline: plan.reportDeadline,
      daysLeft: phase.phase === 'open' ? phase.daysLeft : 0,
      reportTo: plan.reportTo ?? DEFAULT_REPORT_TO,
      maxBytes: settings.maxBytes,
      formatTime: (d) => formatLocalTime(d, o.timezone),
    });
    const content = status.paper ? `纸质版此前已于 ${formatLocalTime(status.paper.confirmedAt, o.timezone)} 确认寄出` : `已确认：${status.unit.name}纸质版已寄出`;
    return {
      toast: { type: 'success', content },
      job: status.paper ? null : { kind: 'results_paper', payload: { planId: plan.id, departmentId: paper.departmentId, openId: operator } },
      card: { type: 'raw', data: card },
    };
  }
  const unit = unitValue(raw);
  if (unit) {
    if (!checkFileName(unit.fileName).ok) return error('文件名无效');
    if (!(await isReporter(db, unit.departmentId, operator))) return error('您不是所选单位的填报人');
    ctx.logger.info({ departmentId: unit.departmentId }, 'results file unit chosen');
    return {
      toast: { type: 'info', content: '正在保存，督办会在会话中回复结果' },
      job: {
        kind: 'result_file',
        payload: { messageId: unit.messageId, chatId: unit.chatId, chatType: 'p2p', senderOpenId: operator, fileKey: unit.fileKey, fileName: unit.fileName, departmentId: unit.departmentId },
      },
    };
  }
  return error('无法识别的成效报送操作，请在最新的卡片上操作');
}
