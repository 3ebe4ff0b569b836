import template from '../../cards/department-round.json' with { type: 'json' };
import { describeRound } from '../domain/rounds.ts';
import { escapeMarkdown as md } from '../domain/escape.ts';
import { DEADLINE_COLOR, DEADLINE_LABEL } from '../domain/vocabulary/status.ts';
import { assertWithinLimits, cardBytes, countComponents, type Card } from './limits.ts';
import { indicatorBlock, LINK_SHOWN_MAX, REVIEW_REASON_SHOWN_MAX, taskBlock } from './department-blocks.ts';
import { fill } from './template.ts';
import type { DepartmentCardIndicator, DepartmentCardInput, DepartmentCardTask } from './department-types.ts';
import { EVIDENCE_INPUT_MAX, NOTE_MAX, NOTE_PREFILL_MAX } from '../domain/submission.ts';

/** Page budget, under Lark's 30 KB / 200 components with room for the page header to change. */
export const PAGE_MAX_BYTES = 28 * 1024;
export const PAGE_MAX_COMPONENTS = 190;

interface Block {
  elements: unknown[];
  bytes: number;
  components: number;
}

function headerTags(input: DepartmentCardInput): unknown[] | null {
  const count = (s: string) => input.tasks.filter((t) => t.deadlineState === s).length;
  const tags: unknown[] = [];
  if (count('overdue')) tags.push(fill(template.headerTag, { text: `${DEADLINE_LABEL.overdue} ${count('overdue')}`, color: DEADLINE_COLOR.overdue }));
  if (count('warning')) tags.push(fill(template.headerTag, { text: `${DEADLINE_LABEL.warning} ${count('warning')}`, color: DEADLINE_COLOR.warning }));
  // An empty list is left out: Card 2.0 rejects what it does not expect.
  return tags.length ? tags : null;
}

function page(input: DepartmentCardInput, items: unknown[], n: number, total: number): Card {
  const annex = input.tasks.filter((t) => t.kind !== 'key_point');
  const leads = annex.filter((t) => t.role === 'lead').length;
  const keyPoints = input.tasks.length - annex.length;
  const roles = input.tasks.some((t) => t.role === 'region') ? '' : `（牵头 ${leads}、配合 ${annex.length - leads}）`;
  const pageNote = total > 1 ? ` · 第 ${n}/${total} 页` : '';
  const indicators = input.indicators?.length ? `、指标 ${input.indicators.length} 项` : '';
  // Header and summary are plain_text: shown as typed, nothing to escape.
  const name = input.department.name;
  return fill<Card>(template.card, {
    summary: `${name} · 本周任务填报${pageNote}`,
    title: `${name} · 本周任务填报${pageNote}`,
    subtitle: `${input.plan.title} · ${describeRound(input.round, input.timezone)}`,
    header_tags: headerTags(input),
    intro:
      `**${md(input.department.name)}**：请逐项填写本周进展（状态、进度、说明；报送「已完成」须附佐证链接，或先把佐证文件发给督办并选择该任务）并点「提交」。` +
      '每项任务可单独提交；本轮内可多次修改，以最后一次为准。',
    items,
    footer: `共 ${annex.length} 项任务${roles}${keyPoints ? `、工作要点 ${keyPoints} 项` : ''}${indicators}${pageNote}`,
  });
}


function largest(blocks: Block[]): Block {
  return { elements: [], bytes: Math.max(...blocks.map((b) => b.bytes)), components: Math.max(...blocks.map((b) => b.components)) };
}

function measure(elements: unknown[]): Block {
  // Each element adds its JSON plus a separating comma, escaped once more inside the message body.
  return { elements, bytes: cardBytes(elements) - 2 + 1, components: countComponents(elements) };
}

// A 3-byte character that escaping leaves 3 bytes: the widest a shown note or name can get.
const WIDE = '＜';
const LONGEST_NAME = WIDE.repeat(24);
// The longest stored evidence address (ASCII, see urlSchema), shown as a link when short enough.
const LONGEST_URL = `https://e.cn/${'a'.repeat(EVIDENCE_INPUT_MAX - 13)}`;
const LONGEST_LINK = `https://e.cn/${'a'.repeat(LINK_SHOWN_MAX - 13)}`;
const WORST_TIME = new Date(Date.UTC(2099, 11, 31, 23, 59));
// The longest note the form prefills and the longest note at all (shown above the form instead).
const WORST_NOTES = [WIDE.repeat(NOTE_PREFILL_MAX), WIDE.repeat(NOTE_MAX)];


function worstTask(t: DepartmentCardTask, note: string, evidenceUrl: string): DepartmentCardTask {
  return {
    ...t,
    last: { status: 'at_risk', progress: 100, note, evidenceUrl, reporterName: LONGEST_NAME, reportedAt: WORST_TIME },
    submitted: { by: LONGEST_NAME, at: WORST_TIME },
    // the widest 延期 / 审核 marks: an extended date, a pending request, a refusal's reason
    plannedDueDate: '2099-12-31',
    pendingExtension: '2099-12-31',
    review: { state: 'refused', reason: WIDE.repeat(REVIEW_REASON_SHOWN_MAX) },
  };
}

function worstIndicator(i: DepartmentCardIndicator): DepartmentCardIndicator {
  return {
    ...i,
    last: { value: -123456789.123456, reporterName: LONGEST_NAME, reportedAt: WORST_TIME },
    submitted: { by: LONGEST_NAME, at: WORST_TIME },
  };
}

/** A department's card, cut into pages, with each task's (and indicator's) elements kept by key. */
export interface PagedDepartmentCard {
  input: DepartmentCardInput;
  /** block keys (taskKey / indicatorKey) of each page, in order */
  pages: string[][];
  blocks: Map<string, unknown[]>;
  /**
   * Each page without its blocks: header, intro and footer change with nothing a submission changes
   * (the deadline tags count the states as built), so they are filled once per card.
   */
  shells: Card[];
}

export const taskKey = (taskId: number) => `task:${taskId}`;
export const indicatorKey = (indicatorId: number) => `indicator:${indicatorId}`;

/**
 * The department's card for a round, split into pages: tasks (then indicators) are added to a
 * page until the next one would pass ~28 KB or ~190 components. Every page is checked against
 * Lark's hard limits before it is returned.
 */
export function buildDepartmentCards(input: DepartmentCardInput): Card[] {
  const paged = pageDepartmentCard(input);
  return paged.pages.map((_, i) => renderDepartmentPage(paged, i));
}

/**
 * Where each block goes. Pages are cut by each block's largest possible size (longest shown note,
 * a submitted mark), not its size today: a submission then never moves a task to another page, so
 * the card a callback answers with is always the page the chat already holds, and one block can be
 * patched in place (patchTaskBlock).
 */
export function pageDepartmentCard(input: DepartmentCardInput): PagedDepartmentCard {
  const ctx = contextOf(input);
  const blocks = [
    ...[...input.tasks]
      // the annex tasks first, then the body's key points (their own part of the card)
      .sort((a, b) => Number(a.kind === 'key_point') - Number(b.kind === 'key_point') || a.number - b.number)
      .map((t) => ({
        ...largest(WORST_NOTES.flatMap((note) => [LONGEST_URL, LONGEST_LINK].map((url) => measure(taskBlock(worstTask(t, note, url), ctx))))),
        key: taskKey(t.id),
        elements: taskBlock(t, ctx),
      })),
    ...(input.indicators ?? []).map((i) => ({ ...measure(indicatorBlock(worstIndicator(i), ctx)), key: indicatorKey(i.id), elements: indicatorBlock(i, ctx) })),
  ];
  // The shell with the widest page note, so the real header never needs more than measured.
  const shell = page(input, [], 99, 99);
  const shellBytes = cardBytes(shell);
  const shellComponents = countComponents(shell);

  const pages: string[][] = [];
  let current: string[] = [];
  let bytes = shellBytes;
  let components = shellComponents;
  for (const b of blocks) {
    const fits = bytes + b.bytes <= PAGE_MAX_BYTES && components + b.components <= PAGE_MAX_COMPONENTS;
    if (!fits && current.length > 0) {
      pages.push(current);
      current = [];
      bytes = shellBytes;
      components = shellComponents;
    }
    current.push(b.key);
    bytes += b.bytes;
    components += b.components;
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  const shells = pages.map((_, i) => page(input, [], i + 1, pages.length));
  return { input, pages, blocks: new Map(blocks.map((b) => [b.key, b.elements])), shells };
}

/** Page `index` (0-based) as sent, checked against Lark's limits. */
export function renderDepartmentPage(paged: PagedDepartmentCard, index: number): Card {
  const card = assemble(paged, index);
  assertWithinLimits(card);
  return card;
}

/**
 * The page's shell with its blocks where the template's `${items}` slot is (after the intro): the
 * same JSON as filling the template with them. Not checked against the limits again: the page was cut
 * by its blocks' largest possible sizes, so no content of theirs can take it past them.
 */
function assemble(paged: PagedDepartmentCard, index: number): Card {
  const shell = paged.shells[index] as Card & { body: { elements: unknown[] } };
  const [intro, ...after] = shell.body.elements;
  const items = paged.pages[index]!.flatMap((k) => paged.blocks.get(k) ?? []);
  return { ...shell, body: { ...shell.body, elements: [intro, ...items, ...after] } };
}

/** The index of the page holding a block, or -1. */
export function pageOf(paged: PagedDepartmentCard, key: string): number {
  return paged.pages.findIndex((keys) => keys.includes(key));
}

/** A block's new content and the page it gives, kept apart from the card until `apply()`. */
export interface BlockPatch {
  /** The page holding the block, as it looks with the change. */
  card: Card;
  /** Makes the change part of the card (the next patch starts from it). */
  apply(): void;
}

/**
 * A task's new report: its block is rebuilt, nothing else. The page returned is what a full rebuild
 * with the same data gives (test/cards/department-card-patch.test.ts).
 */
export function patchTask(paged: PagedDepartmentCard, taskId: number, change: Pick<DepartmentCardTask, 'last' | 'submitted'> & Partial<Pick<DepartmentCardTask, 'review'>>): BlockPatch | null {
  const t = paged.input.tasks.find((x) => x.id === taskId);
  if (!t) return null;
  const changed = { ...t, ...change };
  return patchBlock(paged, taskKey(taskId), taskBlock(changed, contextOf(paged.input)), () => Object.assign(t, change));
}

/** The same for an indicator's new value. */
export function patchIndicator(paged: PagedDepartmentCard, indicatorId: number, change: Pick<DepartmentCardIndicator, 'last' | 'submitted'>): BlockPatch | null {
  const i = paged.input.indicators?.find((x) => x.id === indicatorId);
  if (!i) return null;
  const changed = { ...i, ...change };
  return patchBlock(paged, indicatorKey(indicatorId), indicatorBlock(changed, contextOf(paged.input)), () => Object.assign(i, change));
}

function patchBlock(paged: PagedDepartmentCard, key: string, elements: unknown[], applyData: () => void): BlockPatch | null {
  const index = pageOf(paged, key);
  if (index < 0) return null;
  const before = paged.blocks.get(key)!;
  paged.blocks.set(key, elements);
  const card = assemble(paged, index);
  paged.blocks.set(key, before);
  return {
    card,
    apply: () => {
      applyData();
      paged.blocks.set(key, elements);
    },
  };
}

/** patchTask, applied at once. */
export function patchTaskBlock(paged: PagedDepartmentCard, taskId: number, change: Pick<DepartmentCardTask, 'last' | 'submitted'>): Card | null {
  const p = patchTask(paged, taskId, change);
  p?.apply();
  return p?.card ?? null;
}

/** patchIndicator, applied at once. */
export function patchIndicatorBlock(paged: PagedDepartmentCard, indicatorId: number, change: Pick<DepartmentCardIndicator, 'last' | 'submitted'>): Card | null {
  const p = patchIndicator(paged, indicatorId, change);
  p?.apply();
  return p?.card ?? null;
}

const contextOf = (input: DepartmentCardInput) => ({ plan: input.plan, round: input.round, department: input.department, timezone: input.timezone });
