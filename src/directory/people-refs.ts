// People in the directory file may be given by email or mobile instead of open_id (an
// administrator cannot see open_ids). Before the file is validated, such entries are looked up
// (src/usecases/resolve-people.ts) and replaced by `{ open_id, name }`. Pure: walks the raw YAML.

export type PersonKey = `email:${string}` | `mobile:${string}`;

export interface PersonRef {
  key: PersonKey;
  /** Where in the file, for error messages: `admins[0]`, `departments[3].reporters[1]`. */
  where: string;
}

type Raw = Record<string, unknown>;

function keyOf(entry: unknown): PersonKey | null {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return null;
  const e = entry as Raw;
  if ('open_id' in e) return null;
  if (typeof e.email === 'string' && e.email.trim()) return `email:${e.email.trim().toLowerCase()}`;
  if (typeof e.mobile === 'string' || typeof e.mobile === 'number') return `mobile:${String(e.mobile).replace(/[\s-]/g, '')}`;
  return null;
}

/** Every person list of the file, with its path. */
function personLists(raw: Raw): Array<{ where: string; list: unknown[] }> {
  const lists: Array<{ where: string; list: unknown[] }> = [];
  if (Array.isArray(raw.admins)) lists.push({ where: 'admins', list: raw.admins });
  for (const group of ['departments', 'regions', 'leadership'] as const) {
    const items = raw[group];
    if (!Array.isArray(items)) continue;
    const field = group === 'leadership' ? 'leaders' : 'reporters';
    items.forEach((d, i) => {
      if (d && typeof d === 'object' && Array.isArray((d as Raw)[field])) lists.push({ where: `${group}[${i}].${field}`, list: (d as Raw)[field] as unknown[] });
    });
  }
  return lists;
}

export function personRefs(raw: unknown): PersonRef[] {
  if (!raw || typeof raw !== 'object') return [];
  const refs: PersonRef[] = [];
  for (const { where, list } of personLists(raw as Raw)) {
    list.forEach((entry, i) => {
      const key = keyOf(entry);
      if (key) refs.push({ key, where: `${where}[${i}]` });
    });
  }
  return refs;
}

/**
 * Replaces each email / mobile entry by `{ open_id, name }` from `found` (the file's name wins over
 * the looked-up one). Returns the new raw object and the refs nobody matched.
 */
export function substitutePeople(raw: unknown, found: ReadonlyMap<PersonKey, { openId: string; name: string | null }>): { raw: unknown; missing: PersonRef[] } {
  if (!raw || typeof raw !== 'object') return { raw, missing: [] };
  const copy = structuredClone(raw) as Raw;
  const missing: PersonRef[] = [];
  for (const { where, list } of personLists(copy)) {
    list.forEach((entry, i) => {
      const key = keyOf(entry);
      if (!key) return;
      const hit = found.get(key);
      if (!hit) return void missing.push({ key, where: `${where}[${i}]` });
      const given = (entry as Raw).name;
      const name = typeof given === 'string' && given.trim() ? given.trim() : hit.name;
      list[i] = name ? { open_id: hit.openId, name } : hit.openId;
    });
  }
  return { raw: copy, missing };
}
