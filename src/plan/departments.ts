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

type Role = 'lead' | 'co' | null;

/**
 * Splits a 责任部门 cell into full department names, lead first, without duplicates.
 * `、` separates names; `，`/`；` separate groups, and inside one group the organisation
 * prefix of a fully named unit carries over to the bare units of the same kind after it:
 * `专利局审业部、自动化部` → 专利局审业部, 专利局自动化部; `商标局审查一部、审查二部` likewise.
 * The first name leads unless the cell says who leads: names marked 牵头 come first, so
 * `保护司配合，运用促进司牵头` is led by 运用促进司.
 */
export function splitDepartments(cell: string): string[] {
  // A role in brackets (`保护司（牵头）`) counts like one written after the name.
  const text = squeeze(stripMarkup(cell)).replace(/[（(][^）)]*[）)]/g, (m) => (/牵头/.test(m) ? '牵头' : /配合|参与/.test(m) ? '配合' : /负责/.test(m) ? '' : m));
  const named: { name: string; role: Role }[] = [];
  for (const group of text.split(/[，,；;]+/)) {
    const parts = group.split(/[、/／]+/).map(cleanName).filter((p) => p.name.length > 0);
    // A role word ends a run of names: `运用促进司、保护司牵头` — both lead.
    let next: Role = null;
    for (let i = parts.length - 1; i >= 0; i--) {
      const part = parts[i]!;
      if (part.role) next = part.role;
      else part.role = next;
    }
    // The organisation of the last fully named unit carries over to the bare units after it.
    let prefix: string | undefined;
    let unit = '';
    for (const { name: part, role } of parts) {
      const head = ORG_AND_UNIT.exec(part);
      if (head) {
        prefix = head[1];
        unit = head[2] ?? '';
        named.push({ name: part, role });
      } else {
        named.push({ name: prefix && carries(part, unit) ? `${prefix}${part}` : part, role });
      }
    }
  }
  const ordered = [...named.filter((n) => n.role === 'lead'), ...named.filter((n) => n.role !== 'lead')];
  return [...new Set(ordered.map((n) => n.name))];
}

function carries(part: string, firstUnit: string): boolean {
  if (ORG_AND_UNIT.test(part) || ORG_ON_ITS_OWN.test(part)) return false;
  const word = unitWord(part);
  return word === unitWord(firstUnit) || (LOW_UNIT.test(part) && LOW_UNIT.test(firstUnit));
}

const ROLE_WORDS = /(?:牵头负责|共同负责|分别负责|按职责分工负责|负责|牵头|配合|参与|等)+$/u;

/** Strips words around a name that are about the role, not the name (牵头, 配合, 等), keeping the role. */
function cleanName(raw: string): { name: string; role: Role } {
  const bare = raw.replace(/^(?:由|请)/u, '');
  const words = ROLE_WORDS.exec(bare)?.[0] ?? '';
  const role: Role = words.includes('牵头') ? 'lead' : /配合|参与/.test(words) ? 'co' : null;
  return { name: bare.slice(0, bare.length - words.length).trim(), role };
}
