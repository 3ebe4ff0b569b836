// Reads a built card back as people see it: header, summary, the texts in order, and what each
// button sends. Shared by the card tests that pin whole strings (issue 20).
export type Node = Record<string, unknown>;

export const header = (c: unknown) => (c as { header: { title: { content: string }; subtitle?: { content: string }; template: string } }).header;
export const summary = (c: unknown) => (c as { config: { summary: { content: string } } }).config.summary.content;
export const elements = (c: unknown) => (c as { body: { elements: Node[] } }).body.elements;
/** Every text of the card's top-level elements in order: markdown content, else the tag. */
export const texts = (c: unknown) => elements(c).map((e) => (e.tag === 'markdown' ? e.content : `<${String(e.tag)}>`));

export function collect(n: unknown, keep: (n: Node) => boolean, out: Node[] = []): Node[] {
  if (Array.isArray(n)) n.forEach((x) => collect(x, keep, out));
  else if (n && typeof n === 'object') {
    if (keep(n as Node)) out.push(n as Node);
    Object.values(n).forEach((x) => collect(x, keep, out));
  }
  return out;
}
export const buttons = (c: unknown): Node[] => collect(c, (n) => n.tag === 'button');
export const callbackValues = (c: unknown) => buttons(c).map((b) => (b.behaviors as { value: unknown }[])[0]!.value);
