import { escapeMarkdown, markdownLink, truncate } from '../../domain/escape.ts';
import type { Status } from '../../domain/status.ts';
import { DEADLINE_COLOR, DEADLINE_LABEL, NOT_REPORTED_LABEL, STATUS_LABEL, statusColor, statusLabel } from '../../domain/vocabulary/status.ts';
import { card, deadlineFont, footnote, header, hr, itemLabel, markdown, statusFont, type Element } from './common.ts';
import { CARD_MAX_BYTES, cardBytes } from '../limits.ts';
import type { DepartmentStatus, TaskDetail, TaskLine } from './model.ts';
import { askButtons, taskOffer } from './buttons.ts';
import { historyLine } from './review-history.ts';

// Notes are capped at 1000 characters on input. Each step: how much of each note and how many
// departments to show; the first that fits 30 KB wins (the rest of the departments become a count).
const STEPS: [number, number][] = [[300, 150], [80, 150], [0, 150], [0, 60], [0, 20]];
const roleLabel = (role: string): string => (role === 'lead' ? '牵头' : '配合');

function departmentBlock(d: DepartmentStatus, rounds: string[], noteMax: number): string {
  const lines = [`**${escapeMarkdown(d.name)}**（${roleLabel(d.role)}） ${statusFont(d.status)}${d.progress === null ? '' : ` · 进度 ${d.progress}%`}`];
  if (d.reportedAt) lines.push(`填报：${escapeMarkdown(d.reporter ?? '未知')} · ${d.reportedAt}`);
  if (d.note && noteMax > 0) lines.push(`备注：${escapeMarkdown(truncate(d.note, noteMax))}`);
  if (d.evidenceUrl && noteMax > 0) lines.push(`佐证：${markdownLink(truncate(d.evidenceUrl, 60), d.evidenceUrl)}`);
  else if (d.evidenceFile && noteMax > 0) lines.push(`佐证文件：${escapeMarkdown(truncate(d.evidenceFile, 60))}`);
  if (rounds.length > 0) lines.push(`近${rounds.length}轮：${d.trend.map((s) => statusLabel(s)).join(' → ')}`);
  return lines.join('\n');
}

/** The task card with notes as long as the 30 KB limit allows. */
export function taskCard(t: TaskDetail): Element {
  let built: Element = {};
  for (const [noteMax, maxDepartments] of STEPS) {
    built = buildTaskCard(t, noteMax, maxDepartments);
    if (cardBytes(built) <= CARD_MAX_BYTES) return built;
  }
  return built;
}

/** The task's overall status, or null (未填报) when none of its departments ever reported it. */
const shownStatus = (t: TaskDetail): Status | null => {
  // a key point only the regions carry: 未填报 until one of them reports
  if (t.departments.length === 0 && t.regions) return t.regions.reported === 0 && t.regions.done + t.regions.atRisk + t.regions.blocked === 0 ? null : t.status;
  return t.departments.length > 0 && t.departments.every((d) => d.status === null) ? null : t.status;
};

/** 各地区 for an annex task's regions; a key point names them as the plan does (各地方知识产权局). */
const regionWord = (t: TaskDetail): string => (t.kind === 'key_point' ? '各地方知识产权局' : '各地区');

/** 2 个责任部门 · 2 个责任部门、34 个地区 · 各地方知识产权局负责（34 个） */
function unitsLine(t: TaskDetail): string {
  if (t.departments.length === 0 && t.regions) return `${regionWord(t)}负责（${t.regions.total} 个）`;
  return `${t.departments.length} 个责任部门${t.regions ? `、${t.regions.total} 个地区` : ''}`;
}

function buildTaskCard(t: TaskDetail, noteMax: number, maxDepartments: number): Element {
  const overall = shownStatus(t);
  const tags = t.deadlineState === 'ok' ? [] : [{ text: DEADLINE_LABEL[t.deadlineState], color: DEADLINE_COLOR[t.deadlineState] }];
  const facts = [
    t.section ? `**所属部分：**${escapeMarkdown(t.section)}` : null,
    `**完成时限：**${escapeMarkdown(t.deadline)}${deadlineFont(t.deadlineState)}`,
    `**总体状态：**${statusFont(overall)} · 平均进度 ${t.progress}%`,
  ].filter((x): x is string => x !== null);
  const elements: Element[] = [markdown(facts.join('\n')), hr()];
  for (const d of t.departments.slice(0, maxDepartments)) elements.push(markdown(departmentBlock(d, t.trendRounds, noteMax)));
  if (t.departments.length > maxDepartments) elements.push(footnote(`另有 ${t.departments.length - maxDepartments} 个部门未显示`));
  if (t.regions) elements.push(markdown(escapeMarkdown(regionLine(t.regions, regionWord(t)))));
  if (t.history?.length) elements.push(markdown(historyBlock(t.history, noteMax)));
  if (t.trendRounds.length > 0) elements.push(footnote(`趋势轮次：${t.trendRounds.join(' → ')}；“${NOT_REPORTED_LABEL}”表示该轮没有填报`));
  const label = itemLabel(t.kind, t.number);
  return card(header(`${label}：${t.title}`, statusColor(overall), `${statusLabel(overall)} · ${unitsLine(t)}`, tags), elements, `${label} ${statusLabel(overall)}`);
}

export function taskText(t: TaskDetail): string {
  const out = [
    `${itemLabel(t.kind, t.number)}：${t.title}`,
    ...(t.section ? [`所属部分：${t.section}`] : []),
    `完成时限：${t.deadline}${t.deadlineState === 'ok' ? '' : `（${DEADLINE_LABEL[t.deadlineState]}）`}`,
    `总体状态：${statusLabel(shownStatus(t))}，平均进度 ${t.progress}%`,
    ...(t.departments.length > 0 ? ['', '责任部门：'] : []),
  ];
  for (const d of t.departments) {
    out.push(`- ${d.name}（${roleLabel(d.role)}）：${statusLabel(d.status)}${d.progress === null ? '' : `，进度 ${d.progress}%`}`);
    if (d.reportedAt) out.push(`  填报：${d.reporter ?? '未知'}，${d.reportedAt}`);
    if (d.note) out.push(`  备注：${d.note}`);
    if (d.evidenceUrl) out.push(`  佐证：${d.evidenceUrl}`);
    else if (d.evidenceFile) out.push(`  佐证文件：${d.evidenceFile}`);
    if (t.trendRounds.length > 0) out.push(`  近${t.trendRounds.length}轮（${t.trendRounds.join('、')}）：${d.trend.map((s) => statusLabel(s)).join(' → ')}`);
  }
  if (t.regions) out.push('', regionLine(t.regions, regionWord(t)));
  if (t.history?.length) out.push('', '延期与办结审核：', ...t.history.map((h) => `- ${historyLine(h)}`));
  return out.join('\n');
}

/** The newest entries first fit best; older ones become a count when notes are cut to fit. */
function historyBlock(history: NonNullable<TaskDetail['history']>, noteMax: number): string {
  const max = noteMax >= 80 ? 20 : 5;
  const shown = history.slice(-max).map((h) => `· ${escapeMarkdown(truncate(historyLine(h), noteMax >= 80 ? 400 : 120))}`);
  const more = history.length > max ? `\n（另有 ${history.length - max} 条更早的记录）` : '';
  return `**延期与办结审核**\n${shown.join('\n')}${more}`;
}

/** 各地区：34 个，本轮已填报 3 个；存在风险 1、受阻 0、已完成 0（需关注：广东省知识产权局） */
export function regionLine(r: NonNullable<TaskDetail['regions']>, word = '各地区'): string {
  const names = r.attention.length ? `（需关注：${r.attention.join('、')}${r.atRisk + r.blocked > r.attention.length ? ' 等' : ''}）` : '';
  return `${word}：${r.total} 个，本轮已填报 ${r.reported} 个；存在风险 ${r.atRisk}、受阻 ${r.blocked}、已完成 ${r.done}${names}`;
}

export function taskNotFoundCard(number: number, taskCount: number): Element {
  return card(header(`没有任务${number}`, 'grey'), [markdown(taskNotFoundText(number, taskCount))], `没有任务${number}`);
}

export const taskNotFoundText = (number: number, taskCount: number): string =>
  `没有找到任务${number}：本计划共有 ${taskCount} 项任务（1–${taskCount}）。可以问“任务1”或用关键词查找，如“专利导航”。`;

export function candidatesText(query: string, tasks: TaskLine[]): string {
  return [
    `“${query}”可能指以下任务，您是指：`,
    ...tasks.map((t) => `- 任务${t.number}：${t.title}（${STATUS_LABEL[t.status]}，${t.progress}%）`),
    `回复“任务${tasks[0]?.number ?? 1}”这样的编号查看详情。`,
  ].join('\n');
}

/** Asking back instead of guessing: 「您是指：任务3 …／任务4 …？」 with one button per candidate. */
export function candidatesCard(query: string, tasks: TaskLine[]): Element {
  const lines = tasks.map((t) => `**任务${t.number}：**${escapeMarkdown(t.title)} · ${statusFont(t.status)} ${t.progress}%${deadlineFont(t.deadlineState)}`);
  return card(
    header(`您是指哪一项？`, 'blue', `“${truncate(query, 30)}”可能指以下任务`),
    [markdown(lines.join('\n')), askButtons(tasks.map((t) => taskOffer(t.number, t.title))), footnote('点按钮查看详情（私信发送），或回复“任务编号”')],
    `您是指：${tasks.map((t) => `任务${t.number}`).join('／')}？`,
  );
}
