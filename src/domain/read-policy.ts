/**
 * Who may read what — the one place every answer is decided (chat questions, the digest's 详情
 * button, reminders). Pure: the caller looks up who is asking and what the answer is about.
 *
 * Visibility (directory `visibility:`):
 * - `members` (default): people in the directory (admins, leaders, reporters) read tasks,
 *   departments, indicators and lists; anyone else is refused and learns nothing about the plan.
 * - `open`: everyone who can reach the bot reads task status (the behaviour before policies).
 * - `own`: like `members`, but a reporter reads only their own departments' tasks.
 * Under every visibility the digest (本周汇总), who has not reported (谁还没填报) and the
 * 成效报送 overview (成效报送情况) are for admins and leaders only.
 */

export const VISIBILITIES = ['members', 'open', 'own'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const DEFAULT_VISIBILITY: Visibility = 'members';

export type Role = 'admin' | 'leader' | 'reporter' | 'outsider';

/** What the directory says about the person asking. */
export interface Reader {
  admin: boolean;
  leader: boolean;
  /** departments they report for */
  departments: ReadonlyArray<{ id: number; name: string }>;
}

export const OUTSIDER: Reader = { admin: false, leader: false, departments: [] };

export interface ReadPolicy {
  visibility: Visibility;
  /** admins' names (or open_ids when unnamed), named in refusals as whom to contact */
  contacts: readonly string[];
}

/** What an answer would show. */
export type ReadSubject =
  | { kind: 'task'; departmentIds: readonly number[] }
  | { kind: 'search' }
  | { kind: 'department'; departmentId: number }
  | { kind: 'list' }
  | { kind: 'indicator'; ownerDepartmentIds: readonly (number | null)[] }
  | { kind: 'digest' }
  | { kind: 'not_reported' }
  /** a unit's response rate over the weeks (「运用促进司的填报率」) */
  | { kind: 'response_history'; departmentId: number }
  /** 成效报送情况 (who sent their 成效, who has not) */
  | { kind: 'results' }
  | { kind: 'help' }
  | { kind: 'unknown' };

export type ReadSubjectKind = ReadSubject['kind'];

export type ReadRefusalCode = 'NOT_MEMBER' | 'LEADERS_ONLY' | 'OWN_DEPARTMENTS_ONLY' | 'TASK_UNKNOWN';
export type ReadDecision = { ok: true } | { ok: false; code: ReadRefusalCode; message: string };

export function roleOf(r: Reader): Role {
  if (r.admin) return 'admin';
  if (r.leader) return 'leader';
  return r.departments.length ? 'reporter' : 'outsider';
}

const contact = (p: ReadPolicy) => (p.contacts.length ? `督办管理员（${p.contacts.join('、')}）` : '督办管理员');

const ALLOW: ReadDecision = { ok: true };

/** Whether `reader` may see an answer about `subject` under `policy`; a refusal says why and whom to ask. */
export function decideRead(policy: ReadPolicy, reader: Reader, subject: ReadSubject): ReadDecision {
  const role = roleOf(reader);
  if (role === 'admin' || role === 'leader') return ALLOW;
  if (role === 'outsider' && policy.visibility !== 'open') {
    return { ok: false, code: 'NOT_MEMBER', message: `抱歉，您不在督办名录中，暂不能查询督办事项。如需开通，请联系${contact(policy)}。` };
  }
  if (subject.kind === 'digest' || subject.kind === 'not_reported' || subject.kind === 'results') {
    const what = subject.kind === 'digest' ? '本周汇总' : subject.kind === 'results' ? '成效报送情况' : '填报情况';
    return { ok: false, code: 'LEADERS_ONLY', message: `抱歉，${what}仅向督办管理员和领导开放。如需查看，请联系${contact(policy)}。` };
  }
  if (subject.kind === 'response_history') {
    // how a unit answers is about its people: for admins, leaders and the unit's own reporters
    if (reader.departments.some((d) => d.id === subject.departmentId)) return ALLOW;
    return { ok: false, code: 'LEADERS_ONLY', message: `抱歉，各部门的填报率仅向督办管理员、领导和本部门填报人开放。如需查看，请联系${contact(policy)}。` };
  }
  if (policy.visibility !== 'own' || subject.kind === 'help' || subject.kind === 'unknown' || subject.kind === 'search') {
    // A search is narrowed to readable tasks by the caller (readableTask), not refused.
    return ALLOW;
  }
  const mine = new Set(reader.departments.map((d) => d.id));
  const readable =
    subject.kind === 'task'
      ? subject.departmentIds.some((id) => mine.has(id))
      : subject.kind === 'department'
        ? mine.has(subject.departmentId)
        : subject.kind === 'indicator'
          ? subject.ownerDepartmentIds.length > 0 && subject.ownerDepartmentIds.every((id) => id !== null && mine.has(id))
          : false; // lists span every department
  if (readable) return ALLOW;
  const names = reader.departments.map((d) => `「${d.name}」`).join('');
  const hint = reader.departments[0] ? `，例如「${reader.departments[0].name}的任务」` : '';
  return {
    ok: false,
    code: 'OWN_DEPARTMENTS_ONLY',
    message: `抱歉，您只能查询本部门${names}的任务${hint}。如需查看其他部门，请联系${contact(policy)}。`,
  };
}

/** For narrowing a list of tasks (search candidates): whether one task, owned by these departments, is readable. */
export function readableTask(policy: ReadPolicy, reader: Reader, departmentIds: readonly number[]): boolean {
  return decideRead(policy, reader, { kind: 'task', departmentIds }).ok;
}

export function parseVisibility(v: string | null | undefined): Visibility {
  return (VISIBILITIES as readonly string[]).includes(v ?? '') ? (v as Visibility) : DEFAULT_VISIBILITY;
}

/** How `duban directory` reports the policy it set. */
export const VISIBILITY_LABEL: Record<Visibility, string> = {
  members: 'members（名录中的人可查询任务；汇总与填报情况仅管理员和领导）',
  open: 'open（所有能联系到机器人的人都可查询任务状态）',
  own: 'own（填报人只能查询本部门的任务）',
};

/**
 * Reminders go to a department's chat: whoever is in it reads what that department's reporters
 * may read under the strictest policy, so a reminder never names another department's task.
 */
export function readableByDepartmentChat(department: { id: number; name: string }, taskDepartmentIds: readonly number[]): boolean {
  return readableTask({ visibility: 'own', contacts: [] }, { admin: false, leader: false, departments: [department] }, taskDepartmentIds);
}
