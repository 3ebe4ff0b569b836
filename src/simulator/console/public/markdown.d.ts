// Types for the browser module markdown.js, so tests can import it (the page loads it as is).
export function esc(s: unknown): string;
export function colorClass(c: unknown): string;
export function inline(src: string, ctx?: { nameOf?: (id: string) => string | undefined; backslash?: boolean }): string;
export function renderMarkdown(src: string, ctx?: { nameOf?: (id: string) => string | undefined; backslash?: boolean }): string;
