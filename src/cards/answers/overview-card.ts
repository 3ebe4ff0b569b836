import { escapeMarkdown } from '../../domain/escape.ts';
import { STATUSES } from '../../domain/status.ts';
import { STATUS_LABEL } from '../../domain/vocabulary/status.ts';
import { card, footnote, header, hr, lineBlocks, markdown, statusFont, taskLineMarkdown, type Element } from './common.ts';
import type { DigestSummary, IndicatorLine } from './model.ts';

const metWord = (met: boolean | null): string => (met === null ? '' : met ? '（已达标）' : '（未达标）');
const metFont = (met: boolean | null): string =>
  met === null ? '' : met ? " <font color='green'>已达标</font>" : " <font color='red'>未达标</font>";

function indicatorMarkdown(i: IndicatorLine): string {
  const latest = i.value === null
    ? '最新值：暂无填报'
    : `最新值：**${escapeMarkdown(i.value)}**${metFont(i.met)}（${escapeMarkdown(i.reporter ?? '未知')}，${i.reportedAt ?? ''}）`;
  const owner = i.owner ? ` · 责任部门：${escapeMarkdown(i.owner)}` : '';
  return `**${escapeMarkdown(i.name)}**\n目标：${escapeMarkdown(i.target)}${owner}\n${latest}`;
}

function indicatorText(i: IndicatorLine): string {
  const latest = i.value === null ? '暂无填报' : `${i.value}${metWord(i.met)}，${i.reporter ?? '未知'}，${i.reportedAt ?? ''}`;
  return `- ${i.name}：目标 ${i.target}${i.owner ? `（${i.owner}）` : ''}；最新值 ${latest}`;
}

export function indicatorsCard(indicators: IndicatorLine[]): Element {
  const elements = indicators.map((i) => markdown(indicatorMarkdown(i)));
  return card(header(indicators.length === 1 ? `指标：${indicators[0]?.name}` : `相关指标（${indicators.length} 项）`, 'turquoise'), elements, '指标目标与最新值');
}

export const indicatorsTextOf = (indicators: IndicatorLine[]): string =>
  [indicators.length === 1 ? '指标：' : `相关指标（${indicators.length} 项）：`, ...indicators.map(indicatorText)].join('\n');

const RED_SHOWN = 8;

function countsOf(d: DigestSummary, md: boolean): string {
  return STATUSES.filter((s) => d.counts[s] > 0)
    .map((s) => (md ? `${statusFont(s)} ${d.counts[s]}` : `${STATUS_LABEL[s]} ${d.counts[s]}`))
    .join(' · ');
}

const responseOf = (d: DigestSummary): string => {
  const rate = d.departmentsExpected === 0 ? 0 : Math.round((d.departmentsReported / d.departmentsExpected) * 100);
  return `${d.departmentsReported}/${d.departmentsExpected} 个部门已填完（${rate}%）`;
};

export function digestCard(d: DigestSummary): Element {
  const facts = [
    `**任务：**共 ${d.taskCount} 项 · ${countsOf(d, true)}`,
    `**时限：**逾期 ${d.overdue} 项 · 预警 ${d.warning} 项`,
    d.round === null ? '**填报：**本周尚未开启填报' : `**填报（${d.round}）：**${responseOf(d)}`,
  ];
  if (d.round !== null && d.missing.length > 0) facts.push(`**未填报：**${escapeMarkdown(d.missing.join('、'))}`);
  if (d.round !== null && d.partial.length > 0) facts.push(`**未填完：**${escapeMarkdown(d.partial.join('、'))}`);
  const elements: Element[] = [markdown(facts.join('\n'))];
  if (d.red.length > 0) {
    elements.push(hr(), markdown('**需要关注**'), ...lineBlocks(d.red.slice(0, RED_SHOWN).map(taskLineMarkdown)));
    if (d.red.length > RED_SHOWN) elements.push(footnote(`另有 ${d.red.length - RED_SHOWN} 项，可问“哪些任务有风险”“逾期”`));
  }
  if (d.indicators.length > 0) {
    const lines = d.indicators.map((i) => `${escapeMarkdown(i.name)}：${i.value === null ? '暂无填报' : escapeMarkdown(i.value)}${metFont(i.met)}（目标 ${escapeMarkdown(i.target)}）`);
    elements.push(hr(), markdown(`**指标**\n${lines.join('\n')}`));
  }
  elements.push(footnote('简版汇总；完整周报每周五发送到领导群'));
  return card(header('本周汇总', d.overdue > 0 || d.counts.blocked > 0 ? 'red' : d.counts.at_risk > 0 || d.warning > 0 ? 'orange' : 'green'), elements, '本周汇总');
}

export function digestText(d: DigestSummary): string {
  const out = [
    '本周汇总',
    `任务：共 ${d.taskCount} 项，${countsOf(d, false)}`,
    `时限：逾期 ${d.overdue} 项，预警 ${d.warning} 项`,
    d.round === null ? '填报：本周尚未开启填报' : `填报（${d.round}）：${responseOf(d)}`,
  ];
  if (d.round !== null && d.missing.length > 0) out.push(`未填报：${d.missing.join('、')}`);
  if (d.round !== null && d.partial.length > 0) out.push(`未填完：${d.partial.join('、')}`);
  if (d.red.length > 0) {
    out.push('需要关注：');
    for (const t of d.red.slice(0, RED_SHOWN)) out.push(`- 任务${t.number}：${t.title}｜${STATUS_LABEL[t.status]}，${t.progress}%`);
  }
  if (d.indicators.length > 0) {
    out.push('指标：');
    for (const i of d.indicators) out.push(`- ${i.name}：${i.value ?? '暂无填报'}${metWord(i.met)}（目标 ${i.target}）`);
  }
  return out.join('\n');
}
