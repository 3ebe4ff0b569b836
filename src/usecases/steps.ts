import type { Db } from '../db/client.ts';
import type { ScheduledStep } from '../queue/schedules.ts';
import { sendDigest, type DigestEnqueue } from './digest.ts';
import { DateTime } from 'luxon';
import { describeQuietHours, isQuiet, type QuietHours } from '../domain/calendar/quiet-hours.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import { DubanError } from '../errors.ts';
import { closeRound, reopenRound } from './rounds/close-round.ts';
import { openRound } from './rounds/open-round.ts';
import type { Send } from './rounds/ports.ts';
import { remind } from './rounds/remind.ts';
import { DEFAULT_RESULTS_SETTINGS, type ResultsSettings } from './results/ports.ts';
import { remindResults, resultsStepLine, sendResultsCards } from './results/steps.ts';

export interface StepDeps {
  db: Db;
  send: Send;
  now: () => Date;
  timezone: string;
  progress?: (line: string) => void;
  /** No 催办 is sent in these hours (QUIET_HOURS); unset or null: none. */
  quietHours?: QuietHours | null;
  /**
   * The week a closing or digest acts on when it runs late (a step moved off a holiday into the
   * next week closes and summarises the week it was due for); unset: the week of `now`.
   */
  weekOf?: Date;
  /** 成效报送 (RESULTS_LEAD_DAYS, RESULTS_MAX_BYTES); defaults when not given */
  results?: ResultsSettings;
}

/** The digest goes out as one outbox `send` of the card per leadership chat. */
const digestEnqueue =
  (send: Send): DigestEnqueue =>
  (chatId, card, meta) =>
    send({ kind: 'send', to: { chatId }, content: { card } }, meta);

/** The scheduled steps, and reopening a closed round (by hand only: the CLI and the console). */
export type StepName = ScheduledStep | 'reopen_round';

/** How to reopen, said wherever a closed round is met. */
export const REOPEN_HINT = '如需重新开启，请运行 duban round reopen（或在控制台点「重新开启本周填报」）';

/**
 * The scheduled steps, each summarised in one Chinese line. The one implementation behind
 * the cron schedules, the console buttons and the CLI (`round`, `remind`, `digest`).
 */
export async function runStep(step: StepName, deps: StepDeps): Promise<string> {
  let requeued = 0;
  // The outbox re-queues a message whose earlier send failed (src/queue/outbox.ts): say so.
  const send: Send = async (op, meta) => {
    const r = await deps.send(op, meta);
    if ((r as { requeued?: boolean } | undefined)?.requeued) requeued++;
    return r;
  };
  const line = await runStepOnce(step, { ...deps, send });
  return requeued ? `${line}；其中 ${requeued} 条先前发送失败，已重新排队` : line;
}

async function runStepOnce(step: StepName, deps: StepDeps): Promise<string> {
  const base = { send: deps.send, now: deps.now(), timezone: deps.timezone, progress: deps.progress };
  const weekOf = deps.weekOf;
  switch (step) {
    case 'open_round': {
      const r = await openRound(deps.db, base);
      if (r.round.closedAt) {
        return `本周填报（${r.round.key}）已于 ${formatLocalTime(r.round.closedAt, deps.timezone)} 关闭，未重新开启；此后提交标记为逾期补报。${REOPEN_HINT}`;
      }
      const unbound = r.unbound.length ? `；未绑定群的单位：${r.unbound.join('、')}` : '';
      const regions = r.departments.filter((d) => d.region).length;
      const units = `${r.departments.length - regions} 个部门${regions ? `、${regions} 个地区` : ''}`;
      return `${r.created ? '已开启' : '已重新检查'}本周填报（${r.round.key}），${units}的卡片已排队发送${unbound}`;
    }
    case 'remind': {
      if (deps.quietHours && isQuiet(DateTime.fromJSDate(base.now, { zone: deps.timezone }), deps.quietHours)) {
        throw new DubanError('QUIET_HOURS', `现在是免打扰时段（${describeQuietHours(deps.quietHours)}），不发送催办；请在时段结束后再催办（定时催办会自动顺延到时段结束）`);
      }
      const r = await remind(deps.db, base);
      return r.reminded.length
        ? `第 ${r.reminderNumber} 次催办（${r.roundKey}）：${r.reminded.map((x) => `${x.department}（${x.missing} 项）`).join('、')}`
        : `第 ${r.reminderNumber} 次催办（${r.roundKey}）：各责任单位均已填报，无需催办`;
    }
    case 'close_round': {
      const r = await closeRound(deps.db, { now: base.now, timezone: deps.timezone, weekOf });
      return r.closed ? `已关闭本周填报（${r.round.key}）；此后提交将标记为逾期补报。${REOPEN_HINT}` : `本周填报（${r.round.key}）此前已关闭`;
    }
    case 'reopen_round': {
      const r = await reopenRound(deps.db, { now: base.now, timezone: deps.timezone });
      return r.reopened
        ? `已重新开启本周填报（${r.round.key}）；本周内的提交不再标记为逾期`
        : `本周填报（${r.round.key}）未关闭，无需重新开启`;
    }
    case 'digest': {
      const r = await sendDigest({ db: deps.db, enqueue: digestEnqueue(deps.send) }, { now: base.now, timezone: deps.timezone, weekOf });
      if (r.enqueued.length) return `已提交本周汇总（${r.weekKey}）到 ${r.enqueued.length} 个领导群：${r.enqueued.join('、')}`;
      return r.stored
        ? `已生成本周汇总（${r.weekKey}），但没有登记领导群（directory 文件的 leadership）`
        : `本周汇总（${r.weekKey}）已发送过，不重复发送`;
    }
    case 'results_cards':
    case 'results_remind': {
      const what = step === 'results_cards' ? 'cards' : 'remind';
      const rdeps = { ...base, settings: deps.results ?? DEFAULT_RESULTS_SETTINGS };
      const r = what === 'cards' ? await sendResultsCards(deps.db, rdeps) : await remindResults(deps.db, rdeps);
      return resultsStepLine(what, r);
    }
  }
}
