import type { DbOrTx } from '../../db/client.ts';
import { findDigestByWeek } from '../../db/repositories/digest.repository.ts';
import { leadershipChats, listDepartments } from '../../db/repositories/directory.repository.ts';
import { loadPlanView } from '../../db/repositories/plan-view.repository.ts';
import { findRound } from '../../db/repositories/rounds.repository.ts';
import type { AdminOperation } from '../../domain/operations.ts';
import { describeRound, formatLocalTime, roundFor } from '../../domain/rounds.ts';
import { isDubanError } from '../../errors.ts';
import { planReminders } from '../rounds/remind.ts';
import { REOPEN_HINT } from '../steps.ts';

/** What an operation will do, as the confirmation card says it; `blocked` when there is nothing to run. */
export interface OperationPreview {
  lines: string[];
  blocked?: string;
}

const NO_PLAN = '还没有导入工作计划，无法执行。请先运行 duban import <文件>';
/** Long lists of names are cut: the card says how many and shows the first ones. */
const names = (list: string[], max = 8): string => (list.length <= max ? list.join('、') : `${list.slice(0, max).join('、')} 等 ${list.length} 个`);
const units = (departments: number, regions: number): string => `${departments} 个部门${regions ? `、${regions} 个地区` : ''}`;

/** Reads what the operation would touch now, writes nothing (the confirmation card shows it). */
export async function previewOperation(db: DbOrTx, op: AdminOperation, o: { now: Date; timezone: string }): Promise<OperationPreview> {
  const view = await loadPlanView(db);
  if (!view) return { lines: [], blocked: NO_PLAN };
  const week = roundFor(o.now, o.timezone);
  const round = await findRound(db, view.plan.id, week.key);
  const roundLine = `轮次：${describeRound(week, o.timezone)}`;
  switch (op) {
    case 'open_round': {
      if (round?.closedAt) return { lines: [roundLine], blocked: `本周填报（${week.key}）已于 ${formatLocalTime(round.closedAt, o.timezone)} 关闭，未重新开启。${REOPEN_HINT}` };
      const owners = new Set([
        ...[...view.tasks, ...view.keyPoints].flatMap((t) => [...t.departments, ...t.regions].map((d) => d.departmentId)),
        ...view.indicators.map((i) => i.ownerDepartmentId).filter((id): id is number => id !== null),
      ]);
      const all = (await listDepartments(db)).filter((d) => owners.has(d.id));
      const bound = all.filter((d) => d.chatId);
      const regions = bound.filter((d) => d.kind === 'region').length;
      const unbound = all.filter((d) => !d.chatId).map((d) => d.name);
      return {
        lines: [
          roundLine,
          round ? '本周填报已开启：确认后重新检查，只补发尚未发出的卡片' : '确认后开启本周填报',
          `填报卡片发往 ${units(bound.length - regions, regions)}的工作群（共 ${bound.length} 个群）`,
          ...(unbound.length ? [`未绑定群、收不到卡片：${names(unbound)}`] : []),
        ],
      };
    }
    case 'remind': {
      let planned;
      try {
        planned = await planReminders(db, { ...o, peek: true });
      } catch (e) {
        // said for Lark: the admin opens the round with the command, not the CLI
        if (isDubanError(e) && e.code === 'ROUND_NOT_OPEN') return { lines: [roundLine], blocked: `本周（${week.key}）的填报尚未开启，请先发送「开启填报」` };
        if (isDubanError(e) && !e.retryable) return { lines: [roundLine], blocked: e.message };
        throw e;
      }
      const r = planned.reminders;
      if (!r.length) return { lines: [roundLine], blocked: `本周（${week.key}）各部门均已填报，无需催办` };
      const missing = r.reduce((n, x) => n + x.missing.length, 0);
      return {
        lines: [
          roundLine,
          `第 ${planned.reminderNumber} 次催办${planned.reminderNumber >= 2 ? '：将 @ 各单位的填报人' : ''}`,
          `催办 ${r.length} 个单位的工作群（未填报任务共 ${missing} 项）：${names(r.map((x) => x.departmentName))}`,
        ],
      };
    }
    case 'close_round': {
      if (!round) return { lines: [roundLine], blocked: `本周（${week.key}）的填报尚未开启，无需关闭` };
      if (round.closedAt) return { lines: [roundLine], blocked: `本周填报（${week.key}）已于 ${formatLocalTime(round.closedAt, o.timezone)} 关闭` };
      return { lines: [roundLine, '确认后关闭本周填报；此后的提交仍会保存，标记为逾期补报', '不向任何群发送消息'] };
    }
    case 'digest': {
      const chats = await leadershipChats(db);
      const sent = await findDigestByWeek(db, view.plan.id, week.key);
      return {
        lines: [
          `周次：${describeRound(week, o.timezone)}`,
          chats.length ? `周汇总发往 ${chats.length} 个领导群：${names(chats.map((c) => c.name ?? c.chatId))}` : '没有登记领导群：汇总只保存、不发送（目录文件的 leadership）',
          ...(sent ? ['本周汇总已发送过：确认后只补发尚未送达的领导群'] : []),
        ],
      };
    }
    case 'export_ledger':
    case 'export_report': {
      const what = op === 'export_ledger' ? '台账（xlsx）：每个任务 × 责任部门一行，另有分部分汇总和指标完成情况' : '成效报送（docx）：逐部分、逐任务写明进展、问题和下一步打算';
      return { lines: [`计划：${view.plan.title}（${view.tasks.length} 项任务）`, `导出${what}`, '确认后文件发送到您与督办机器人的私聊'] };
    }
  }
}
