import { squeeze, stripMarkup } from './text.ts';

/**
 * An organisation followed by one of its units: 专利局|审业部, 商标局|审查一部, 工业和信息化部|科技司.
 * The organisation is the shortest lead ending in an organisation word.
 */
const ORG_AND_UNIT = /^(.+?(?:总局|局|院|委员会|委|厅|署|部))(.{2,}?(?:部|司|处|室|科|中心|所|办|组|站|队))$/u;
/** Names that stand on their own as an organisation: never given a carried-over prefix. */
const ORG_ON_ITS_OWN = /(?:总局|局|院|委员会|委|厅|署)$/u;
/** Sub-units below a 司/部 level, for which a prefix carries over regardless of the exact unit word. */
const LOW_UNIT = /(?:处|室|科|组|站|队)$/u;

const unitWord = (name: string): string => /(中心|.)$/u.exec(name)?.[1] ?? '';

/**
 * Splits a 责任部门 cell into full department names, in order, without duplicates.
 * `、` separates names; `，`/`；` separate groups, and inside one group the organisation
 * prefix of a fully named unit carries over to the bare units of the same kind after it:
 * `专利局审业部、自动化部` → 专利局审业部, 专利局自动化部; `商标局审查一部、审查二部` likewise.
 */
export function splitDepartments(cell: string): string[] {
  const text = squeeze(stripMarkup(cell)).replace(/[（(][^）)]*[）)]/g, (m) => (/牵头|配合|负责/.test(m) ? '' : m));
  const names: string[] = [];
  for (const group of text.split(/[，,；;]+/)) {
    const parts = group.split(/[、/／]+/).map(cleanName).filter((p) => p.length > 0);
    // The organisation of the last fully named unit carries over to the bare units after it.
    let prefix: string | undefined;
    let unit = '';
    for (const part of parts) {
      const head = ORG_AND_UNIT.exec(part);
      if (head) {
        prefix = head[1];
        unit = head[2] ?? '';
        names.push(part);
      } else {
        names.push(prefix && carries(part, unit) ? `${prefix}${part}` : part);
      }
    }
  }
  return [...new Set(names)];
}

function carries(part: string, firstUnit: string): boolean {
  if (ORG_AND_UNIT.test(part) || ORG_ON_ITS_OWN.test(part)) return false;
  const word = unitWord(part);
  return word === unitWord(firstUnit) || (LOW_UNIT.test(part) && LOW_UNIT.test(firstUnit));
}

/** Strips words around a name that are about the role, not the name (牵头, 配合, 等). */
function cleanName(raw: string): string {
  return raw
    .replace(/^(?:由|请)/u, '')
    .replace(/(?:牵头负责|共同负责|分别负责|按职责分工负责|负责|牵头|配合|参与|等)+$/u, '')
    .trim();
}
