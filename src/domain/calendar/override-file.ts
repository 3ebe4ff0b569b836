import { DateTime } from 'luxon';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { DubanError } from '../../errors.ts';
import type { CalendarYears, NamedDay } from './work-calendar.ts';

/**
 * The calendar override file (docs/operations.md#calendar): for each year the holiday package does
 * not cover (or covers wrongly), that year's breaks and 调休 workdays, by holiday name:
 *
 *   2027:
 *     holidays:
 *       元旦: [2027-01-01]
 *       春节: [2027-02-06..2027-02-12]
 *     workdays:
 *       春节: [2027-02-14, 2027-02-20]
 *
 * A year listed here replaces the package's year whole. Any problem refuses the whole file with
 * the line of each bad entry: a calendar half applied would move steps on wrong days silently.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayList = z.array(z.string({ error: '须为日期文本，如 2027-02-06 或 2027-02-06..2027-02-12' })).min(1, { error: '至少写一个日期' });
const byName = z.record(z.string().trim().min(1, { error: '节日名称不能为空' }), dayList);
const yearEntry = z.strictObject({ holidays: byName.default({}), workdays: byName.default({}) });
const fileSchema = z.record(z.string(), yearEntry, { error: '文件须为「年份: { holidays, workdays }」' });
const YEAR = /^\d{4}$/;

interface Problem {
  path: (string | number)[];
  message: string;
}

function parseDay(text: string): DateTime | null {
  if (!DAY.test(text)) return null;
  const d = DateTime.fromISO(text, { zone: 'UTC' });
  return d.isValid ? d : null;
}

/** The days an entry names: one date, or an inclusive range `from..to`. */
function expand(entry: string, year: number): { days: string[] } | { error: string } {
  const [a, b, ...rest] = entry.trim().split('..');
  if (rest.length) return { error: `「${entry}」不是日期或日期范围` };
  const from = parseDay(a ?? '');
  const to = b === undefined ? from : parseDay(b);
  if (!from || !to) return { error: `「${entry}」不是有效日期（应为 YYYY-MM-DD，如 ${year}-02-06，范围写作 ${year}-02-06..${year}-02-12）` };
  if (to < from) return { error: `「${entry}」的结束日期早于开始日期` };
  if (from.year !== year || to.year !== year) return { error: `「${entry}」不在 ${year} 年内` };
  if (to.diff(from, 'days').days > 31) return { error: `「${entry}」超过 31 天，不像一次放假` };
  const days: string[] = [];
  for (let d = from; d <= to; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return { days };
}

interface YamlNode {
  range?: [number, number, number];
  items?: ({ key?: { value?: unknown; range?: [number, number, number] }; value?: YamlNode } & YamlNode)[];
}

/**
 * The line of the deepest node on `path` that exists. Years are number keys in the YAML (2027:)
 * and strings in the path, so keys are compared as text (doc.getIn would compare 2027 with "2027").
 */
function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number | null {
  let node = doc.contents as YamlNode | null;
  let at: number | undefined = node?.range?.[0];
  for (const seg of path) {
    const items = node?.items;
    if (!items) break;
    const pair = typeof seg === 'number' && !items[seg]?.key ? undefined : items.find((p) => p.key && String(p.key.value) === String(seg));
    const next: YamlNode | undefined = pair ? pair.value : typeof seg === 'number' ? items[seg] : undefined;
    if (!next) {
      if (pair?.key?.range) at = pair.key.range[0];
      break;
    }
    at = pair?.key?.range?.[0] ?? next.range?.[0] ?? at;
    node = next;
  }
  return at === undefined ? null : counter.linePos(at).line;
}

const invalid = (problems: string[]) =>
  new DubanError('CALENDAR_OVERRIDE_INVALID', `节假日覆盖文件有误，未采用：${problems.join('；')}`, { details: { problems } });

/** An issue's own message; a bad record key (an empty holiday name) has it in the key's issue. */
const issueMessage = (i: z.core.$ZodIssue): string => (i.code === 'invalid_key' ? (i.issues[0]?.message ?? i.message) : i.message);

/** Parses and checks the override file's text; throws CALENDAR_OVERRIDE_INVALID naming every bad line. */
export function parseCalendarOverride(text: string): CalendarYears {
  const counter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, lineCounter: counter });
  if (doc.errors.length) {
    throw invalid(doc.errors.map((e) => `第 ${e.linePos?.[0]?.line ?? '?'} 行：${e.message.split('\n')[0]}`));
  }
  const at = (p: Problem) => {
    const line = lineOf(doc, counter, p.path);
    return `${line === null ? '' : `第 ${line} 行 `}${p.path.join('.')}：${p.message}`;
  };
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((i) =>
        i.code === 'unrecognized_keys'
          ? at({ path: [...(i.path as (string | number)[]), i.keys[0]!], message: `未知字段 ${i.keys.join('、')}（应为 holidays 或 workdays）` })
          : at({ path: i.path as (string | number)[], message: i.path.length === 1 ? '须为 { holidays, workdays }' : issueMessage(i) }),
      ),
    );
  }

  const problems: Problem[] = [];
  const result: { years: number[]; holidays: NamedDay[]; workdays: NamedDay[] } = { years: [], holidays: [], workdays: [] };
  for (const [yearText, entry] of Object.entries(parsed.data)) {
    if (!YEAR.test(yearText)) {
      problems.push({ path: [yearText], message: '年份须为四位数字，如 2027' });
      continue;
    }
    const year = Number(yearText);
    result.years.push(year);
    const seen = new Map<string, string>();
    for (const kind of ['holidays', 'workdays'] as const) {
      for (const [name, list] of Object.entries(entry[kind])) {
        list.forEach((item, i) => {
          const path = [yearText, kind, name, i];
          const r = expand(item, year);
          if ('error' in r) return problems.push({ path, message: r.error });
          for (const date of r.days) {
            const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
            if (kind === 'workdays' && weekday < 6) problems.push({ path, message: `${date} 是周${'一二三四五'[weekday - 1]}，本就上班，不是调休上班日` });
            const other = seen.get(date);
            if (other && other !== kind) problems.push({ path, message: `${date} 既写在 holidays 又写在 workdays` });
            seen.set(date, kind);
            result[kind].push({ date, name });
          }
        });
      }
    }
  }
  if (problems.length) throw invalid(problems.map(at));
  return result;
}
