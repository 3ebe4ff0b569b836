import { itemMarker, stripMarkup } from './text.ts';

export interface Paragraph {
  /** the text with markup kept (bold headings matter to the inline parser) */
  raw: string;
  /** markup stripped */
  text: string;
  /** 1-based line of its first line */
  line: number;
}

/** A sentence can end here; anything else at the end of a line means a page break cut it. */
const ENDS_SENTENCE = /[。！？!?；;：:）)」』”"…\]】]\s*(?:\*\*)?$/u;

/** Only a line filled to the page width can have been cut by a page break; letterheads and headings are short. */
const WRAPPED_MIN = 15;

const startsBlock = (line: string): boolean =>
  /^\s*(?:#|---|\*\*|<|——|附件)/u.test(line) || line.includes('\t') || itemMarker(stripMarkup(line)) !== null;

/**
 * Body paragraphs (table rows excluded), with the pieces a page break split apart joined again:
 * `…横向协同和上下联动，打` + blank lines + `通知识产权创造…` becomes one paragraph, no space added.
 */
export function paragraphs(lines: string[]): Paragraph[] {
  const result: Paragraph[] = [];
  let open: { raw: string; line: number } | null = null;
  const close = () => {
    if (open) result.push({ raw: open.raw, text: stripMarkup(open.raw), line: open.line });
    open = null;
  };
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.includes('\t')) {
      if (line.includes('\t')) close();
      return;
    }
    const current = open as { raw: string; line: number } | null;
    const joinable =
      current !== null && current.raw.length >= WRAPPED_MIN && !ENDS_SENTENCE.test(current.raw) && !/^\s*(?:#|---)/.test(current.raw) && !startsBlock(line);
    if (current && joinable) {
      current.raw = `${current.raw.trimEnd()}${line.trim()}`;
      return;
    }
    close();
    open = { raw: line.trim(), line: i + 1 };
  });
  close();
  return result;
}
