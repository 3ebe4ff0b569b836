import type { Comparator, ParsedIndicator } from './types.ts';
import type { Paragraph } from './paragraphs.ts';
import { itemMarker, squeeze } from './text.ts';

const UNIT = '(?:%|％|‰|个百分点|个月|亿元|万元|亿美元|万件|万个|万人|万家|万户|家|件|个|项|天|人|所|座|次|元|倍|分)';
const NUMBER = '(\\d+(?:\\.\\d+)?)';

/** Target verbs before a number, and what they promise. Longest first. */
const VERBS: [string, Comparator][] = [
  ['压减至', '<='], ['压缩至', '<='], ['缩短至', '<='], ['降低至', '<='], ['降至', '<='], ['控制在', '<='], ['不超过', '<='], ['低于', '<='],
  ['稳定在', '='], ['保持在', '='], ['维持在', '='],
  ['达到', '>='], ['不低于', '>='], ['不少于', '>='], ['提高到', '>='], ['提升至', '>='], ['增至', '>='], ['达', '>='], ['完成', '>='],
  ['超过', '>'], ['高于', '>'], ['突破', '>'],
];
const VERB_RE = VERBS.map(([v]) => v).join('|');
/** `名称 压减至 18.5 个月` */
const NAME_VERB_NUMBER = new RegExp(`^(.+?)(${VERB_RE})\\s*${NUMBER}\\s*(${UNIT})(以上|以下|以内)?`, 'u');
/** `完成在华建设 100 家 技术与创新支持中心（TISC） 首期建设目标` */
const VERB_NUMBER_NAME = new RegExp(`(完成|建成|新建|建设|培育|达到)[^\\d]{0,8}?${NUMBER}\\s*(${UNIT})(.+)$`, 'u');

/** Numeric targets stated in the 主要目标 part of the body, in document order. */
export function readIndicators(paras: Paragraph[]): ParsedIndicator[] {
  const start = paras.findIndex((p) => /(?:^|[、）)\s])[\u4e00-\u9fa5]{0,4}目标[。：:]/u.test(p.text.slice(0, 24)));
  if (start < 0) return [];
  const level = itemMarker(paras[start]!.text)?.level;
  const found: ParsedIndicator[] = [];
  for (let i = start; i < paras.length; i += 1) {
    const p = paras[i]!;
    const marker = itemMarker(p.text);
    if (i > start && (/^\s*#/.test(p.raw) || (marker && (level === undefined || marker.level <= level)))) break;
    // A numbered sub-target (`1. 发明专利审查周期压减至…`) is named without its number.
    for (const clause of (marker?.rest ?? p.text).split(/[，,。；;：:]/u)) {
      const indicator = readClause(squeeze(clause));
      if (indicator && !found.some((f) => f.name === indicator.name)) found.push(indicator);
    }
  }
  return found;
}

function readClause(clause: string): ParsedIndicator | null {
  const a = NAME_VERB_NUMBER.exec(clause);
  if (a?.[1] && a[2] && a[3] && a[4]) {
    const name = cleanName(a[1]);
    if (name) return { name, comparator: bound(a[5]) ?? comparatorOf(a[2]), value: Number(a[3]), unit: unitOf(a[4]) };
  }
  const b = VERB_NUMBER_NAME.exec(clause);
  if (b?.[1] && b[2] && b[3] && b[4]) {
    const name = b[4].replace(/(?:首期|首批|一期)?(?:建设)?(?:目标|任务)?$/u, '');
    if (name.length >= 2) return { name, comparator: '>=', value: Number(b[2]), unit: unitOf(b[3]) };
  }
  return null;
}

/** `82分以上` is a floor whatever the verb says; `以下`/`以内` a ceiling. */
const bound = (qualifier: string | undefined): Comparator | null =>
  qualifier === '以上' ? '>=' : qualifier === '以下' || qualifier === '以内' ? '<=' : null;
const comparatorOf = (verb: string): Comparator => VERBS.find(([v]) => v === verb)?.[1] ?? '>=';
const unitOf = (unit: string): string => (unit === '％' ? '%' : unit);

/** `在严控风险前提下专利商标质押融资规模` → 专利商标质押融资规模. */
function cleanName(raw: string): string {
  return raw
    .replace(/^——[^。]*?。/u, '')
    .replace(/^在.*?(?:前提|基础|条件|情况|背景)[下上中]/u, '')
    .replace(/^(?:到|至)?(?:\d{4}年(?:底|末)?)/u, '')
    .replace(/^(?:力争|确保|推动|实现|全年|年内|累计|建成|新建|共)+/u, '')
    .trim();
}
