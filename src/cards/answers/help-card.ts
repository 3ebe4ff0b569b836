import { escapeMarkdown, truncate } from '../../domain/escape.ts';
import { card, footnote, header, markdown, type Element } from './common.ts';
import type { HelpExample, Offer } from './model.ts';
import { askButtons } from './buttons.ts';

export const HELP_EXAMPLES: HelpExample[] = [
  { question: '任务5进展？', does: '按编号查看任务：状态、进度、填报人、备注和近四轮趋势（也可写 第5项、5号任务、#5、任务五）' },
  { question: '任务1、2', does: '同时查看几项任务（也可写 任务3和任务4、第2、3项、任务5到7）' },
  { question: '专利导航', does: '按标题或举措中的关键词查找任务（如“海牙协定那个进展咋样”）；不确定时会列出候选供点选' },
  { question: '要点3', does: '正文的工作要点，按其自身编号（也可写 工作要点三、第三项要点；“工作要点”列出全部十项）' },
  { question: '保护司的任务', does: '某部门负责的任务及当前状态（部门全称或简称）' },
  { question: '广东的进展', does: '某地区需落实的任务和工作要点；“各地区填报情况”列出本轮未填完的地区' },
  { question: '哪些任务有风险', does: '按状态列出任务：有风险、亮红灯、卡住/受阻、逾期、预警、未启动、已完成/办结、年底前完成；“列一下”列出全部' },
  { question: '谁还没填报', does: '本轮还没有填完的部门（也可问“哪些没交”）' },
  { question: '审查周期', does: '指标的目标值和最新填报值（也可按数值问，如“2400亿那个指标”）' },
  { question: '本周汇总', does: '本周进展概况' },
  { question: '运用促进司的填报率', does: '某部门逐周的填报率和按时率（管理员、领导和本部门填报人可查）' },
  { question: '任务7的历史', does: '任务的历次状态、进度和说明变化（也可问“时间线”“填报记录”）' },
];

export function helpCard(examples: HelpExample[]): Element {
  const lines = examples.map((e) => `**${escapeMarkdown(e.question)}**　${escapeMarkdown(e.does)}`);
  return card(header('我能回答这些问题', 'blue', '私聊我，或在群里 @我 提问'), [markdown(lines.join('\n')), footnote('发送“帮助”随时查看本说明')], '使用帮助');
}

export const helpText = (examples: HelpExample[]): string =>
  ['我能回答这些问题（私聊我，或在群里 @我）：', ...examples.map((e) => `- ${e.question}  ${e.does}`)].join('\n');

/** Not understood: the closest tasks and the most asked questions as buttons, rather than a dead end. */
export function unknownCard(text: string, suggestions: string[], offers: Offer[] = []): Element {
  const asked = text ? `没有完全理解“${escapeMarkdown(truncate(text, 60))}”。` : '没有理解这个问题。';
  const elements: Element[] =
    offers.length > 0
      ? [markdown(`${asked}您是想问：`), askButtons(offers), footnote(`也可以这样问：${suggestions.slice(0, 4).map(escapeMarkdown).join('、')}；发送“帮助”查看全部用法`)]
      : [markdown(`${asked}可以这样问：\n${suggestions.map((s) => `· ${escapeMarkdown(s)}`).join('\n')}`), footnote('发送“帮助”查看全部用法')];
  return card(header('您是想问……', 'grey'), elements, '没有完全理解这个问题');
}

export const unknownText = (text: string, suggestions: string[], offers: Offer[] = []): string =>
  [
    `没有完全理解“${truncate(text, 60)}”。${offers.length > 0 ? '您是想问：' : '可以这样问：'}`,
    ...(offers.length > 0 ? offers.map((o) => `- ${o.label}（回复“${o.question}”）`) : suggestions.map((s) => `- ${s}`)),
    ...(offers.length > 0 ? [`也可以这样问：${suggestions.slice(0, 4).join('、')}`] : []),
    '发送“帮助”查看全部用法。',
  ].join('\n');

export const NO_PLAN_TEXT = '还没有导入工作计划，暂时无法回答。请管理员先用 duban import 命令导入计划文件。';
export const noPlanCard = (): Element => card(header('尚未导入工作计划', 'grey'), [markdown(escapeMarkdown(NO_PLAN_TEXT))], '尚未导入工作计划');
