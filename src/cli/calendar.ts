import { DateTime } from 'luxon';
import { loadWorkCalendar } from '../app/calendar.ts';
import { isMonth, monthView, type MonthDay } from '../domain/calendar/month.ts';
import { describeQuietHours } from '../domain/calendar/quiet-hours.ts';
import { STEP_LABEL, type PlannedStep } from '../domain/calendar/step-times.ts';
import { DAY_KIND_LABEL } from '../domain/calendar/work-calendar.ts';
import { roundFor } from '../domain/rounds.ts';
import { isDubanError } from '../errors.ts';
import type { Command } from './command.ts';

const WEEKDAY = ['一', '二', '三', '四', '五', '六', '日'];

function dayLine(day: MonthDay, timezone: string): string {
  const local = (d: Date) => DateTime.fromJSDate(d, { zone: timezone });
  const kind = `${DAY_KIND_LABEL[day.kind]}${day.holiday ? `（${day.holiday}）` : ''}`;
  const run = (p: PlannedStep & { runAt: Date }) => {
    const due = local(p.dueAt);
    const moved = p.runAt.getTime() !== p.dueAt.getTime();
    const otherWeek = roundFor(p.dueAt, timezone).key !== roundFor(p.runAt, timezone).key;
    const from = moved ? `（${otherWeek ? `${roundFor(p.dueAt, timezone).key}，` : ''}由 ${due.toFormat('MM-dd HH:mm')} 顺延）` : '';
    return `${STEP_LABEL[p.step]} ${local(p.runAt).toFormat('HH:mm')}${from}`;
  };
  const away = (p: PlannedStep) =>
    p.runAt === null
      ? `${STEP_LABEL[p.step]} ${local(p.dueAt).toFormat('HH:mm')} 顺延后已跨周，不执行`
      : `${STEP_LABEL[p.step]} ${local(p.dueAt).toFormat('HH:mm')} → ${local(p.runAt).toFormat('MM-dd HH:mm')}`;
  const parts = [...day.runs.map(run), ...(day.movedAway.length ? [`顺延：${day.movedAway.map(away).join('、')}`] : [])];
  return `${day.date.slice(5)} 周${WEEKDAY[day.weekday - 1]} ${kind.padEnd(8, '　')}${parts.length ? ` ${parts.join('；')}` : ''}`.trimEnd();
}

export const calendarCommand: Command = {
  name: 'calendar',
  help: `用法: duban calendar <YYYY-MM>

列出该月每一天：工作日、休息日、节假日或调休上班，以及当天运行的定时步骤（开启填报、催办、
关闭填报、发送周汇总，按 ROUND_CRON 等配置），已按节假日顺延：落在节假日或休息日的步骤顺延到下一个
工作日的同一时刻（调休上班日算工作日）；催办不在免打扰时段（QUIET_HOURS，默认 20:00-08:00）发出，
落在其中的顺延到时段结束。开启填报与催办顺延后若已到下一周则不再执行；关闭填报与周汇总顺延后仍针对原来那一周。

节假日数据来自 chinese-days 软件包；它未覆盖的年份（或需更正的年份）写在 CALENDAR_OVERRIDE_FILE
指定的 YAML 文件中（见 docs/operations.md）。文件有误时列出出错的行，不采用其中任何内容。

例: duban calendar 2021-10`,
  async run(args, ctx) {
    const [month, ...rest] = args;
    if (!month || rest.length) {
      ctx.err('用法: duban calendar <YYYY-MM>，例如 duban calendar 2021-10');
      return 2;
    }
    if (!isMonth(month)) {
      ctx.err(`「${month}」不是月份，应写作 YYYY-MM，例如 2021-10`);
      return 2;
    }
    let loaded;
    try {
      loaded = await loadWorkCalendar({ overrideFile: ctx.config.calendar.overrideFile });
    } catch (e) {
      if (!isDubanError(e)) throw e;
      ctx.err(e.message);
      return 1;
    }
    const { timezone } = ctx.config;
    const quiet = ctx.config.calendar.quietHours;
    const rules = { calendar: loaded.calendar, quietHours: quiet, timezone };
    const year = Number(month.slice(0, 4));
    ctx.out(`${year} 年 ${Number(month.slice(5))} 月（${timezone}；节假日数据：${loaded.sources.join('，')}；催办免打扰：${quiet ? describeQuietHours(quiet) : '不设'}）`);
    if (!loaded.calendar.covers(year)) {
      ctx.out(`注意：${year} 年不在节假日数据内，暂按周一至周五上班计；放假安排公布后写入 CALENDAR_OVERRIDE_FILE 指定的文件`);
    }
    for (const day of monthView(month, ctx.config.cron, rules)) ctx.out(dayLine(day, timezone));
    return 0;
  },
};
