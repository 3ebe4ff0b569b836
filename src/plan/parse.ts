import type { ParsedPlan } from './types.ts';
import { planError } from './errors.ts';
import { readIndicators } from './indicators.ts';
import { readInline } from './inline.ts';
import { readKeyPoints } from './key-points.ts';
import { readMetadata } from './metadata.ts';
import { paragraphs } from './paragraphs.ts';
import { readTable } from './table.ts';
import { normaliseDocument } from './text.ts';

export interface ParseOptions {
  /** named in error details so the CLI can say which file */
  fileName?: string;
}

/**
 * Reads one plan document of the CNIPA family: metadata, the 主要目标 targets, and the tasks —
 * from the annex table when there is one (the body's inline statements are then only prose),
 * otherwise from the inline `（XX负责）` statements. Throws a DubanError (PLAN_*) on bad input.
 */
export function parsePlan(input: string, opts: ParseOptions = {}): ParsedPlan {
  const { fileName } = opts;
  if (input.trim() === '') throw planError('PLAN_EMPTY', '文件是空的', undefined, fileName);
  if (looksBinary(input)) throw planError('PLAN_BINARY', '不是文本文件（含有二进制内容）', undefined, fileName);
  const lines = normaliseDocument(input).split('\n');
  const paras = paragraphs(lines);
  const table = readTable(lines, fileName);
  const found = table ?? readInline(paras);
  if (found.tasks.length === 0) {
    throw planError('PLAN_NO_TASKS', '没有找到可识别的任务（既没有任务清单表格，也没有“（××负责）”形式的任务）', undefined, fileName);
  }
  const departments = [...new Set(found.tasks.flatMap((t) => t.departments))];
  const meta = readMetadata(paras, departments);
  if (meta.year === null) throw planError('PLAN_NO_YEAR', '无法确定计划年度（标题、文号和正文中都没有年份）', undefined, fileName);
  return {
    title: meta.title,
    docNumber: meta.docNumber,
    year: meta.year,
    reportDeadline: meta.reportDeadline,
    reportTo: meta.reportTo,
    sections: found.sections,
    tasks: found.tasks,
    indicators: readIndicators(paras),
    keyPoints: table ? readKeyPoints(paras) : [],
  };
}

/** NUL bytes, undecodable bytes or many control characters: not a text document. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  const bad = sample.match(/[\uFFFD\u0001-\u0008\u000E-\u001F]/g)?.length ?? 0;
  return bad > Math.max(2, sample.length / 100);
}
