import type { ParsedDirectory } from '../../directory/types.ts';

/** Someone the console can act as ("我是…"). */
export interface ConsolePerson {
  openId: string;
  name: string;
  role: 'reporter' | 'admin' | 'outsider';
  /** The department a reporter reports for. */
  department?: string;
}

/** Not in the directory: whatever they click, duban must refuse. */
export const OUTSIDER: ConsolePerson = { openId: 'ou_outsider_0001', name: '外部人员', role: 'outsider' };

/** The directory's reporters (with their department) and admins, then the outsider. */
export function consolePeople(dir: ParsedDirectory): ConsolePerson[] {
  const out: ConsolePerson[] = [];
  const seen = new Set<string>();
  const add = (p: ConsolePerson) => {
    if (seen.has(p.openId)) return;
    seen.add(p.openId);
    out.push(p);
  };
  for (const d of [...dir.departments, ...(dir.regions ?? [])]) {
    for (const r of d.reporters ?? []) add({ openId: r.openId, name: r.name ?? r.openId, role: 'reporter', department: d.name });
  }
  for (const a of dir.admins ?? []) add({ openId: a.openId, name: a.name ?? a.openId, role: 'admin' });
  add(OUTSIDER);
  return out;
}
