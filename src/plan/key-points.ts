import type { Paragraph } from './paragraphs.ts';
import type { ParsedKeyPoint } from './types.ts';
import { readInline } from './inline.ts';

/**
 * The body's 工作要点 of a document whose tasks come from the annex table: the numbered items
 * （一）…（十） with their 「（XX负责）」 clauses, read by the same inline reader that reads
 * documents without a table. One clause per 「（…负责）」, covering the sentences before it.
 * Text after the last clause names no one and is dropped. A document whose tasks are the inline
 * items themselves has no separate key points (the caller passes nothing then).
 */
export function readKeyPoints(paras: Paragraph[]): ParsedKeyPoint[] {
  const { sections, tasks } = readInline(paras);
  const titleOf = new Map(sections.map((s) => [s.number, s.title]));
  return tasks.map((t) => ({
    number: t.number,
    title: t.title,
    section: t.section,
    sectionTitle: t.section === null ? null : (titleOf.get(t.section) ?? null),
    // The inline reader joins a clause's departments with 、, which never occurs inside a name.
    clauses: t.measures.filter((m) => m.actor !== '').map((m) => ({ departments: m.actor.split('、'), text: m.text })),
  }));
}
