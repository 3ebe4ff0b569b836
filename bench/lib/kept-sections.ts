import { existsSync, readFileSync } from 'node:fs';

/** Sections of bench/results.md that other commands write (`npm run mutation`, bench/footprint.ts); a bench run keeps them. */
const KEPT = ['## Mutation score', '## Footprint'];

/** The section from `heading` up to the next `## ` heading (or the end), or '' when absent. */
export function sectionOf(text: string, heading: string): string {
  const start = text.startsWith(heading) ? 0 : text.indexOf(`\n${heading}`) + 1;
  if (start === 0 && !text.startsWith(heading)) return '';
  const rest = text.slice(start);
  const next = rest.indexOf('\n## ', heading.length);
  return (next < 0 ? rest : rest.slice(0, next)).trimEnd();
}

/** `page` with `section` in place of its old copy (or appended). */
export function replaceSection(page: string, heading: string, section: string): string {
  const old = sectionOf(page, heading);
  // A function, not a string: in a replacement string `$`` and `$'` stand for the text around the match,
  // and notes quoting a regex (`/_\d+$/`) would paste the rest of the page into itself.
  return old ? page.replace(old, () => section.trimEnd()) : `${page.trimEnd()}\n\n${section.trimEnd()}\n`;
}

/** A freshly rendered page plus the kept sections of the file it replaces. */
export function withKeptSections(page: string, file: string): string {
  if (!existsSync(file)) return page;
  const old = readFileSync(file, 'utf8');
  return KEPT.reduce((p, heading) => {
    const kept = sectionOf(old, heading);
    return kept ? replaceSection(p, heading, kept) : p;
  }, page);
}
