import type { DeadlineKind, ParsedMeasure, ParsedSection, ParsedTask } from './types.ts';
import type { Paragraph } from './paragraphs.ts';
import { deadlineKindOf } from './deadline.ts';
import { splitDepartments } from './departments.ts';
import { itemMarker, stripMarkup, tidy, trimTitle, type ItemLevel } from './text.ts';

/** `（战略规划司负责）`, `(国际合作司、保护司负责)`, `（运用促进司牵头，保护司配合）` */
const STATEMENT = /[（(]([^（）()]{1,100}?(?:负责|牵头|配合|参与)[^（）()]{0,20}?)[）)]/gu;
/** A deadline after the names: the year-end and the milestone wordings deadlineKindOf knows (else `持续推进` reads as a department). */
const TIME_PHRASE = /[，,；;]?\s*(?:\d{4}年)?(?:年底前|年内|年底|年末|\d{1,2}月底前|持续推进|长期|逐步|分步)[^，,；;]*/gu;

interface Item {
  index: number;
  level: ItemLevel;
  number: number;
  para: Paragraph;
}

interface Statement {
  departments: string[];
  deadline: DeadlineKind | null;
}

/**
 * Tasks of a document without a table: numbered items whose sentences end in `（XX、YY负责）`.
 * The task level is the numbering level most statements sit under; the level above it gives sections.
 */
export function readInline(paras: Paragraph[]): { sections: ParsedSection[]; tasks: ParsedTask[] } {
  const items: Item[] = [];
  paras.forEach((para, index) => {
    const m = itemMarker(para.text);
    if (m) items.push({ index, level: m.level, number: m.number, para });
  });
  const owners = paras
    .map((p, i) => (statementsIn(p.text).length > 0 ? [...items].reverse().find((it) => it.index <= i) : undefined))
    .filter((it): it is Item => it !== undefined);
  if (owners.length === 0) return { sections: [], tasks: [] };
  const taskLevel = mostFrequent(owners.map((o) => o.level));
  const taskItems = items.filter((it) => it.level === taskLevel);
  // Sections are the items the task items sit under (the nearest item of a higher level).
  const parentOf = (item: Item) => [...items].reverse().find((it) => it.index < item.index && it.level < taskLevel);
  const parentLevels = taskItems.map(parentOf).filter((p): p is Item => p !== undefined).map((p) => p.level);
  const sectionLevel = parentLevels.length > 0 ? mostFrequent(parentLevels) : 0;

  const drafts: (Omit<ParsedTask, 'number'> & { marker: number })[] = [];
  const sections: ParsedSection[] = [];
  for (const item of taskItems) {
    const text = spanText(paras, items, item, taskLevel);
    if (statementsIn(text).length === 0) continue;
    const parent = parentOf(item);
    const section = parent?.level === sectionLevel ? parent : undefined;
    if (section && !sections.some((s) => s.number === section.number)) {
      sections.push({ number: section.number, title: trimTitle(itemMarker(section.para.text)?.rest ?? '') });
    }
    drafts.push({ marker: item.number, ...toTask(text, section?.number ?? null) });
  }
  // Document numbers when they identify the tasks; otherwise (numbering restarts per section) count.
  const unique = new Set(drafts.map((d) => d.marker)).size === drafts.length;
  const tasks = drafts.map(({ marker, ...t }, i): ParsedTask => ({ number: unique ? marker : i + 1, ...t }));
  return { sections, tasks };
}

function mostFrequent(levels: ItemLevel[]): ItemLevel {
  const counts = new Map<ItemLevel, number>();
  for (const l of levels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/** The item's own text: its paragraph and the following ones up to the next item at its level or above. */
function spanText(paras: Paragraph[], items: Item[], item: Item, level: ItemLevel): string {
  const next = items.find((it) => it.index > item.index && it.level <= level);
  const heading = paras.findIndex((p, i) => i > item.index && /^\s*#/.test(p.raw) && !itemMarker(p.text));
  const ends = [next?.index ?? paras.length, heading < 0 ? paras.length : heading];
  const end = Math.min(...ends);
  const head = item.para.raw.replace(/^\s*#+\s*/, '');
  const rest = paras.slice(item.index + 1, end).map((p) => p.raw);
  return [head, ...rest].join('');
}

function statementsIn(text: string): (Statement & { at: number; length: number })[] {
  const found: (Statement & { at: number; length: number })[] = [];
  for (const m of text.matchAll(STATEMENT)) {
    const content = m[1] ?? '';
    const times = content.match(TIME_PHRASE) ?? [];
    const departments = splitDepartments(content.replace(TIME_PHRASE, ''));
    if (departments.length === 0 || departments.some((d) => d.length > 20)) continue;
    found.push({ departments, deadline: deadlineKindOf(times.join('')), at: m.index ?? 0, length: m[0].length });
  }
  return found;
}

function toTask(raw: string, section: number | null): Omit<ParsedTask, 'number'> {
  // The bold heading, if any, is the title; otherwise the first sentence is (and stays in the text).
  const bold = /^\s*\*\*([\s\S]+?)\*\*/.exec(raw);
  const heading = bold ? stripMarkup(bold[1] ?? '') : '';
  // The item was found on the markup-free text (`<b>（一）…</b>` is an item), so its number is read there too.
  const body = bold ? raw.slice(bold[0].length) : (itemMarker(stripMarkup(raw))?.rest ?? raw);
  const titleSource = bold ? (itemMarker(heading)?.rest ?? heading) : stripMarkup(body.replace(STATEMENT, ''));
  const title = trimTitle(titleSource.split(/[。！？；]/u)[0] ?? '') || trimTitle(titleSource);
  const statements = statementsIn(body);
  const measures: ParsedMeasure[] = [];
  let from = 0;
  for (const s of statements) {
    const chunk = tidy(stripMarkup(body.slice(from, s.at)));
    if (chunk !== '') measures.push({ actor: s.departments.join('、'), text: chunk });
    from = s.at + s.length;
  }
  const tail = tidy(stripMarkup(body.slice(from)));
  if (tail !== '') measures.push({ actor: '', text: tail });
  const departments = [...new Set(statements.flatMap((s) => s.departments))];
  const deadlineKind = statements.map((s) => s.deadline).find((d) => d !== null) ?? null;
  return { title, section, deadlineKind, departments, measures };
}
