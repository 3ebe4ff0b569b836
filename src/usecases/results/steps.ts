import { buildResultsCard } from '../../cards/results-card.ts';
import type { Db } from '../../db/client.ts';
import { findActivePlan } from '../../db/repositories/plan.repository.ts';
import { findByRef } from '../../db/repositories/sent-messages.repository.ts';
import { chineseDate, collectionPhase, countdownText, type CollectionPhase } from '../../domain/results/collection.ts';
import { formatLocalTime } from '../../domain/rounds.ts';
import { DateTime } from 'luxon';
import { noPlanError } from '../../errors.ts';
import type { Send } from '../rounds/ports.ts';
import { loadResultsOverview } from './overview.ts';
import { DEFAULT_REPORT_TO, type ResultsSettings } from './ports.ts';

export interface ResultsStepDeps {
  send: Send;
  now: Date;
  timezone: string;
  settings: ResultsSettings;
  progress?: (line: string) => void;
}

export const resultsCardRef = (planId: number, departmentId: number) => `results:plan:${planId}:dept:${departmentId}`;

export interface ResultsStepResult {
  phase: CollectionPhase;
  reportDeadline: string | null;
  /** units that got a message in this run */
  sent: string[];
  /** units whose card went out in an earlier run (cards step) or that already sent a file (reminders) */
  skipped: number;
  /** units without a chat: nowhere to send */
  unbound: string[];
}

/**
 * Sends each reporting unit (department or region) its 成效报送 card, from RESULTS_LEAD_DAYS
 * before the plan's report deadline on. Once per unit: a unit whose card was sent is skipped, and
 * the card's outbox ref is stable, so a doubled run sends nothing twice.
 */
export async function sendResultsCards(db: Db, deps: ResultsStepDeps): Promise<ResultsStepResult> {
  return forUnits(db, deps, 'cards');
}

/**
 * 成效报送催办: the units that have not sent their electronic report get the card again, orange,
 * once per local day; those that sent theirs hear nothing.
 */
export async function remindResults(db: Db, deps: ResultsStepDeps): Promise<ResultsStepResult> {
  return forUnits(db, deps, 'remind');
}

async function forUnits(db: Db, deps: ResultsStepDeps, what: 'cards' | 'remind'): Promise<ResultsStepResult> {
  const plan = await findActivePlan(db);
  if (!plan) throw noPlanError();
  const phase = collectionPhase(plan.reportDeadline, deps.settings.leadDays, deps.now, deps.timezone);
  const result: ResultsStepResult = { phase, reportDeadline: plan.reportDeadline, sent: [], skipped: 0, unbound: [] };
  if (phase.phase !== 'open' || !plan.reportDeadline) return result;
  const overview = await loadResultsOverview(db, plan);
  const day = DateTime.fromJSDate(deps.now, { zone: deps.timezone }).toISODate();
  for (const status of overview.units) {
    const chatId = overview.chats.get(status.unit.id);
    if (!chatId) {
      result.unbound.push(status.unit.name);
      continue;
    }
    const ref = what === 'cards' ? resultsCardRef(plan.id, status.unit.id) : `${resultsCardRef(plan.id, status.unit.id)}:remind:${day}`;
    const done = what === 'cards' ? Boolean(await findByRef(db, 'results_card', ref)) : Boolean(status.latest);
    if (done) {
      result.skipped++;
      continue;
    }
    const card = buildResultsCard({
      planId: plan.id,
      status,
      reportDeadline: plan.reportDeadline,
      daysLeft: phase.daysLeft,
      reportTo: plan.reportTo ?? DEFAULT_REPORT_TO,
      maxBytes: deps.settings.maxBytes,
      formatTime: (d) => formatLocalTime(d, deps.timezone),
      reminder: what === 'remind',
    });
    await deps.send({ kind: 'send', to: { chatId }, content: { card } }, { purpose: what === 'cards' ? 'results_card' : 'results_reminder', ref });
    result.sent.push(status.unit.name);
    deps.progress?.(`已排队：${status.unit.name}`);
  }
  return result;
}

/** The step's result in one Chinese line (the CLI, the schedules log, the console). */
export function resultsStepLine(what: 'cards' | 'remind', r: ResultsStepResult): string {
  const name = what === 'cards' ? '成效报送卡片' : '成效报送催办';
  if (r.phase.phase === 'no_deadline') return `${name}：计划没有成效报送截止日期，无需发送`;
  if (r.phase.phase === 'not_yet') return `${name}：成效报送自 ${chineseDate(r.phase.start)} 开始（还有 ${r.phase.daysToStart} 天），今天不发送`;
  const unbound = r.unbound.length ? `；未绑定群的单位：${r.unbound.join('、')}` : '';
  const head = `${name}（截止 ${chineseDate(r.reportDeadline!)}，${countdownText(r.phase.daysLeft)}）`;
  if (what === 'cards') {
    return `${head}：${r.sent.length} 个单位的卡片已排队发送${r.skipped ? `，${r.skipped} 个单位此前已发送` : ''}${unbound}`;
  }
  return r.sent.length
    ? `${head}：已催办 ${r.sent.length} 个未报送电子版的单位${r.skipped ? `，${r.skipped} 个单位已报送` : ''}${unbound}`
    : `${head}：各单位均已报送电子版，无需催办${unbound}`;
}
