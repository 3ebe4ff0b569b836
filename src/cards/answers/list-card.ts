import { escapeMarkdown } from '../../domain/escape.ts';
import { STATUSES, type Status } from '../../domain/status.ts';
import { DEADLINE_COLOR, DEADLINE_LABEL, STATUS_COLOR, STATUS_LABEL } from '../../domain/vocabulary/status.ts';
import type { ListFilter } from '../../domain/query/types.ts';
import { card, FILTER_TITLE, footnote, header, itemLabel, lineBlocks, markdown, taskLineMarkdown, type Element, type Template } from './common.ts';
import { fitLines } from '../limits.ts';
import type { MissingDepartment, TaskLine, UnitKind } from './model.ts';

/** A department with many tasks still fits one card; the rest is counted, and the text lists them all. */
const MAX_CARD_LINES = 120;

function countsLine(tasks: TaskLine[]): string {
  const counts = new Map<Status, number>();
  for (const t of tasks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s)).map((s) => `${STATUS_LABEL[s]} ${counts.get(s)}`).join(' · ');
}

/** 7 项, or 7 项任务、2 项工作要点 when key points are listed too (they number on their own). */
function howMany(tasks: TaskLine[]): string {
  const keyPoints = tasks.filter((t) => t.kind === 'key_point').length;
  return keyPoints === 0 ? `${tasks.length} 项` : `${tasks.length - keyPoints} 项任务、${keyPoints} 项工作要点`;
}

function taskListCard(title: string, template: Template, tasks: TaskLine[], empty: string): Element {
  if (tasks.length === 0) return card(header(title, 'green'), [markdown(empty)], title);
  const { shown, hidden } = fitLines(tasks.map(taskLineMarkdown), MAX_CARD_LINES);
  const elements: Element[] = [markdown(`共 ${howMany(tasks)}：${countsLine(tasks)}`), ...lineBlocks(shown)];
  if (hidden > 0) elements.push(footnote(`另有 ${hidden} 项未显示，可用“任务编号”查看单项`));
  return card(header(title, template), elements, `${title}：${tasks.length} 项`);
}

function taskListText(title: string, tasks: TaskLine[], empty: string): string {
  if (tasks.length === 0) return `${title}\n${empty}`;
  const lines = tasks.map((t) => {
    const deadline = t.deadlineState === 'ok' ? '' : `，${DEADLINE_LABEL[t.deadlineState]}`;
    const highlight = t.highlight ? `（${t.highlight}）` : '';
    return `- ${itemLabel(t.kind, t.number)}：${t.title}｜${STATUS_LABEL[t.status]}，${t.progress}%${deadline}${highlight}`;
  });
  return [`${title}（共 ${howMany(tasks)}：${countsLine(tasks)}）`, ...lines].join('\n');
}

// A region follows the measures addressed to 各地区 and the key points of 各地方知识产权局: it 落实, a department 负责.
const departmentTitle = (name: string, filter: ListFilter | null, unit: UnitKind): string =>
  filter ? `${name}：${FILTER_TITLE[filter]}` : unit === 'region' ? `${name}需落实的任务和工作要点` : `${name}负责的任务`;
const departmentEmpty = (filter: ListFilter | null, unit: UnitKind): string =>
  filter ? '没有符合条件的任务。' : unit === 'region' ? '该地区目前没有需落实的任务。' : '该部门目前没有负责的任务。';

export const departmentCard = (name: string, filter: ListFilter | null, tasks: TaskLine[], unit: UnitKind = 'department'): Element =>
  taskListCard(departmentTitle(name, filter, unit), 'blue', tasks, departmentEmpty(filter, unit));
export const departmentText = (name: string, filter: ListFilter | null, tasks: TaskLine[], unit: UnitKind = 'department'): string =>
  taskListText(departmentTitle(name, filter, unit), tasks, departmentEmpty(filter, unit));

// A list takes the colour of what it lists; the departments behind on reporting are a call to act, orange.
const LIST_TEMPLATE: Record<ListFilter, Template> = {
  at_risk: STATUS_COLOR.at_risk,
  blocked: STATUS_COLOR.blocked,
  done: STATUS_COLOR.done,
  overdue: DEADLINE_COLOR.overdue,
  warning: DEADLINE_COLOR.warning,
  not_reported: 'orange',
  red: STATUS_COLOR.blocked,
  not_started: STATUS_COLOR.not_started,
  on_track: STATUS_COLOR.on_track,
  not_done: 'blue',
  year_end: 'blue',
  all: 'blue',
};
const LIST_EMPTY: Record<ListFilter, string> = {
  at_risk: '目前没有存在风险的任务。',
  blocked: '目前没有受阻的任务。',
  overdue: '目前没有逾期的任务。',
  warning: '目前没有临近截止的任务。',
  not_reported: '本轮所有部门都已填报。',
  done: '目前还没有全部完成的任务。',
  red: '目前没有存在风险或受阻的任务。',
  not_started: '目前没有未启动的任务。',
  on_track: '目前没有正常推进的任务。',
  not_done: '所有任务都已完成。',
  year_end: '本计划没有要求年底前完成的任务。',
  all: '本计划还没有任务。',
};

export const listCard = (filter: ListFilter, tasks: TaskLine[]): Element =>
  taskListCard(FILTER_TITLE[filter], LIST_TEMPLATE[filter], tasks, LIST_EMPTY[filter]);
export const listText = (filter: ListFilter, tasks: TaskLine[]): string => taskListText(FILTER_TITLE[filter], tasks, LIST_EMPTY[filter]);

const NOT_OPEN = '本周尚未开启填报。';

function missingLine(d: MissingDepartment, md: boolean): string {
  const name = md ? `**${escapeMarkdown(d.name)}**` : d.name;
  const what = d.reported === 0 ? `全部 ${d.expected} 项未填报` : `已填 ${d.reported}/${d.expected} 项`;
  const list = (ns: number[]) => (ns.length <= 12 ? ns.join('、') : `${ns.slice(0, 12).join('、')} 等`);
  const gaps = [
    d.missing.length ? `任务 ${list(d.missing)}` : null,
    d.missingKeyPoints?.length ? `工作要点 ${list(d.missingKeyPoints)}` : null,
  ].filter((x) => x !== null);
  return `${md ? '' : '- '}${name}：${what}${gaps.length ? `（缺：${gaps.join('；')}）` : ''}`;
}

/** 部门 for the bureau's departments, 地区 for the regional offices: every line of the answer says which. */
const UNIT_WORD: Record<UnitKind, string> = { department: '部门', region: '地区' };
const allReported = (unit: UnitKind): string => (unit === 'region' ? '本轮所有地区都已填报。' : LIST_EMPTY.not_reported);

export function notReportedCard(round: string | null, departments: MissingDepartment[], total: number, unit: UnitKind = 'department'): Element {
  const word = UNIT_WORD[unit];
  const title = round ? `本轮未填报的${word}（${round}）` : `本轮未填报的${word}`;
  if (round === null) return card(header(title, 'grey'), [markdown(NOT_OPEN)], NOT_OPEN);
  if (departments.length === 0) return card(header(title, 'green'), [markdown(allReported(unit))], allReported(unit));
  const { shown, hidden } = fitLines(departments.map((d) => missingLine(d, true)), MAX_CARD_LINES);
  const elements = [markdown(`${total} 个${word}中有 ${departments.length} 个尚未填完：`), ...lineBlocks(shown)];
  if (hidden > 0) elements.push(footnote(`另有 ${hidden} 个${word}未显示`));
  return card(header(title, 'orange'), elements, `${departments.length} 个${word}未填完`);
}

export function notReportedText(round: string | null, departments: MissingDepartment[], total: number, unit: UnitKind = 'department'): string {
  if (round === null) return NOT_OPEN;
  if (departments.length === 0) return `本轮（${round}）：${allReported(unit)}`;
  return [`本轮（${round}）${total} 个${UNIT_WORD[unit]}中有 ${departments.length} 个尚未填完：`, ...departments.map((d) => missingLine(d, false))].join('\n');
}
