import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { DubanError } from '../errors.ts';
import { directoryFileSchema } from './schema.ts';
import type { ParsedDirectory } from './types.ts';

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

function issueText(i: z.core.$ZodIssue): string {
  const where = pathText(i.path) || '（文件）';
  if (i.code === 'unrecognized_keys') return `${where}：未知字段 ${i.keys.join('、')}`;
  if (i.code === 'invalid_union') return `${where}：须为 ou_ 开头的 open_id，或 { open_id, name }、{ email }、{ mobile }（email / mobile 由 duban directory 通过飞书通讯录查找）`;
  return `${where}：${i.message}`;
}

/**
 * Parses the directory YAML (docs/operations.md#directory-file). Throws DIRECTORY_INVALID listing
 * every problem (with line numbers for YAML syntax errors). Names are only checked for shape
 * here; whether they exist is `checkDirectory`'s job, which needs the database's names.
 */
export function parseDirectory(text: string): ParsedDirectory {
  return withRegionLines(parseDirectoryObject(readDirectoryYaml(text)), text);
}

/** The line of each region's entry in the file, for messages (the parsed object has none). */
export function withRegionLines(dir: ParsedDirectory, text: string): ParsedDirectory {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, lineCounter });
  return { ...dir, regions: dir.regions.map((r, i) => ({ ...r, line: lineOf(doc, lineCounter, ['regions', i]) })) };
}

/** The YAML as plain data, before validation (people by email / mobile are resolved on it). */
export function readDirectoryYaml(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) {
    const problems = doc.errors.map((e) => `第 ${e.linePos?.[0]?.line ?? '?'} 行：${e.message.split('\n')[0]}`);
    throw new DubanError('DIRECTORY_INVALID', `目录文件不是有效的 YAML：${problems.join('；')}`, { details: { problems } });
  }
  return doc.toJS() ?? {};
}

export function parseDirectoryObject(raw: unknown): ParsedDirectory {
  const parsed = directoryFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issueText);
    throw new DubanError('DIRECTORY_INVALID', `目录文件有误：${problems.join('；')}`, { details: { problems } });
  }
  const f = parsed.data;
  return {
    admins: f.admins,
    visibility: f.visibility,
    leadership: f.leadership.map((l) => ({ name: l.name, chatId: l.chat_id, leaders: l.leaders })),
    departments: f.departments.map((d) => ({
      name: d.name,
      aliases: d.aliases,
      chatId: d.chat_id ?? null,
      reporters: d.reporters,
      ...(d.approver !== undefined ? { approver: d.approver } : {}),
    })),
    regions: f.regions.map((r) => ({
      name: r.name,
      aliases: r.aliases,
      chatId: r.chat_id ?? null,
      reporters: r.reporters,
      conditional: r.conditional,
      line: null,
    })),
    indicators: Object.entries(f.indicators).map(([indicator, department]) => ({ indicator, department })),
  };
}

/** The 1-based line where the node at `path` starts (the item's first key), or null. */
function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number | null {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const at = node?.range?.[0];
  return at === undefined ? null : counter.linePos(at).line;
}
