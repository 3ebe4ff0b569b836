import type { ParsedMeasure } from './types.ts';
import { tidy } from './text.ts';

/** `<b>国家知识产权局：</b>…` or `<b>各地区</b>要…`: the bold lead names the actor. */
const BOLD_ACTOR = /^\s*<b>\s*([^<]{1,30}?)\s*[：:]?\s*<\/b>\s*[：:]?\s*/i;
/** Plain `国家知识产权局：…` when the converter kept no markup. */
const PLAIN_ACTOR = /^\s*([^\s：:，,。；;<>]{2,16}?)\s*[：:]\s*/u;

/**
 * Reads a 落实举措 cell: one measure per `<p>` block (or `<br>`/line), each led by its actor.
 * Text is kept as the document has it, only trimmed at the edges and at page-break joins.
 */
export function parseMeasures(cell: string): ParsedMeasure[] {
  const blocks = /<p[\s>]/i.test(cell)
    ? [...cell.matchAll(/<p[^>]*>([\s\S]*?)(?:<\/p>|(?=<p[\s>])|$)/gi)].map((m) => m[1] ?? '')
    : cell.split(/<br\s*\/?>|\n/i).flatMap(splitAtActors);
  const measures: ParsedMeasure[] = [];
  for (const block of blocks) {
    const measure = parseBlock(block);
    if (measure) measures.push(measure);
  }
  return measures;
}

/** `国家知识产权局：…。各地区：…。` in one plain cell: a new actor label after a full stop starts a new measure. */
function splitAtActors(block: string): string[] {
  return block.split(/(?<=[。；;])\s*(?=[^\s：:，,。；;<>]{2,16}[：:])/u);
}

function parseBlock(block: string): ParsedMeasure | null {
  if (block.trim() === '') return null;
  const bold = BOLD_ACTOR.exec(block);
  if (bold?.[1]) return { actor: tidy(bold[1]), text: clean(block.slice(bold[0].length)) };
  const plain = PLAIN_ACTOR.exec(stripTags(block));
  if (plain?.[1]) return { actor: plain[1], text: clean(stripTags(block).slice(plain[0].length)) };
  return { actor: '', text: clean(block) };
}

const stripTags = (s: string): string => s.replace(/<[^>]+>/g, '');
const clean = (s: string): string => tidy(stripTags(s));
