import type { Paragraph } from './paragraphs.ts';
import { fullWidthParens, squeeze, trimTitle } from './text.ts';

export interface PlanMetadata {
  title: string;
  docNumber: string | null;
  year: number | null;
  reportDeadline: string | null;
  reportTo: string | null;
}

/** 国知发运字〔2021〕3号, also with [2021] / ［2021］ / 【2021】 brackets (normalised to 〔〕). */
const DOC_NUMBER = /([\u4e00-\u9fa5]{2,12})\s*[〔［\[【(（﹝]\s*(\d{4})\s*[〕］\]】)）﹞]\s*(\d{1,4})\s*号/u;
const NOTICE_TITLE = /关于(?:印发|发布|下达)《([^》]+)》/u;
const DATE_BEFORE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|之前|以前)/u;

/**
 * Title, doc number, year, report deadline and recipient of the document.
 * `departments` are the task departments, used to find the recipient's short name inside
 * `报送我局知识产权运用促进司`.
 */
export function readMetadata(paras: Paragraph[], departments: string[]): PlanMetadata {
  // The doc number stands on its own line under the letterhead; elsewhere it may cite another document.
  const docMatch = firstMatch(paras, new RegExp(`^${DOC_NUMBER.source}$`, 'u')) ?? firstMatch(paras.slice(0, 5), DOC_NUMBER);
  const docNumber = docMatch ? `${docMatch[1]}〔${docMatch[2]}〕${docMatch[3]}号` : null;
  const title = findTitle(paras);
  const year = yearOf(title) ?? (docMatch ? Number(docMatch[2]) : null) ?? firstYear(paras);
  const report = findReport(paras, departments);
  return { title, docNumber, year, ...report };
}

function firstMatch(paras: Paragraph[], re: RegExp): RegExpExecArray | null {
  for (const p of paras) {
    const m = re.exec(p.text.trim());
    if (m) return m;
  }
  return null;
}

function findTitle(paras: Paragraph[]): string {
  const notice = firstMatch(paras, NOTICE_TITLE);
  if (notice?.[1]) return fullWidthParens(trimTitle(notice[1]));
  const heading = paras.find(
    (p) => /^\s*#/.test(p.raw) && !/文件$|^附件|^附\s*件/.test(p.text) && !DOC_NUMBER.test(p.text),
  );
  const first = heading ?? paras.find((p) => !DOC_NUMBER.test(p.text) && !/文件$/.test(p.text)) ?? paras[0];
  return fullWidthParens(trimTitle((first?.text ?? '').replace(/^《|》$/g, '')));
}

const yearOf = (title: string): number | null => {
  const m = /(20\d{2}|19\d{2})/.exec(title);
  return m?.[1] ? Number(m[1]) : null;
};

function firstYear(paras: Paragraph[]): number | null {
  for (const p of paras) {
    const y = yearOf(p.text);
    if (y) return y;
  }
  return null;
}

/** `在2021年12月15日前将…报送我局知识产权运用促进司` → 2021-12-15, 运用促进司. */
function findReport(paras: Paragraph[], departments: string[]): { reportDeadline: string | null; reportTo: string | null } {
  for (const p of paras) {
    for (const sentence of p.text.split(/[。！？]/u)) {
      const date = DATE_BEFORE.exec(sentence);
      const sent = /(?:报送|报至|报给|提交|上报|报)(?:至|给|到)?([^，。；]*)$/u.exec(sentence);
      if (!date || !sent || !sentence.includes('报')) continue;
      const deadline = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
      return { reportDeadline: deadline, reportTo: recipient(sent[1] ?? '', departments) };
    }
  }
  return { reportDeadline: null, reportTo: null };
}

function recipient(phrase: string, departments: string[]): string | null {
  const text = squeeze(phrase).replace(/^(?:我局|我委|我部|本局|我办|我厅)/u, '');
  const known = [...departments].sort((a, b) => b.length - a.length).find((d) => text.endsWith(d));
  if (known) return known;
  const unit = /([\u4e00-\u9fa5]{2,10}?(?:司|办公室|办|处|室|中心|部))$/u.exec(text.replace(/^知识产权/u, ''));
  return unit?.[1] ?? (text === '' ? null : text);
}
