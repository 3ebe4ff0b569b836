import type { DbOrTx } from '../db/client.ts';
import { adminContacts, findReader, getSetting, indicatorOwners, keyPointOwners, taskById, taskOwnersByNumber } from '../db/repositories/access.repository.ts';
import type { Intent } from '../domain/query/types.ts';
import {
  decideRead, OUTSIDER, parseVisibility, readableTask, type ReadDecision, type Reader, type ReadPolicy, type ReadSubject,
} from '../domain/read-policy.ts';
import { readTogether } from '../db/reads.ts';

/**
 * Who is asking. `operator` is someone at the server's shell (`duban ask`, tests of the answers):
 * they can read the database anyway. Everyone in chat is a person by open_id; without one they
 * are an outsider.
 */
export type Asker = 'operator' | { openId: string | null };

export interface ReadAccess {
  policy: ReadPolicy;
  reader: Reader;
}

export const VISIBILITY_KEY = 'visibility';

export async function loadReadPolicy(db: DbOrTx): Promise<ReadPolicy> {
  const [visibility, contacts] = await readTogether(db, [() => getSetting(db, VISIBILITY_KEY), () => adminContacts(db)]);
  return { visibility: parseVisibility(visibility), contacts };
}

/** The policy and the reader, or null for the operator (who is not checked). */
export async function loadReadAccess(db: DbOrTx, asker: Asker): Promise<ReadAccess | null> {
  if (asker === 'operator') return null;
  const [policy, reader] = await readTogether(db, [() => loadReadPolicy(db), async () => (asker.openId ? findReader(db, asker.openId) : OUTSIDER)]);
  return { policy, reader };
}

export type Gate = { ok: true; intent: Intent } | Extract<ReadDecision, { ok: false }>;

/**
 * Applies the read policy to an understood question: refuses it, or lets it through — a search
 * narrowed to the tasks the reader may see. Reads only the owners the decision needs.
 */
export async function gateIntent(db: DbOrTx, planId: number, intent: Intent, access: ReadAccess | null): Promise<Gate> {
  if (!access) return { ok: true, intent };
  const { policy, reader } = access;
  const decide = (s: ReadSubject) => decideRead(policy, reader, s);
  // Who may not read anything at all is refused before any owner is looked up.
  const first = decide(subjectWithoutOwners(intent));
  if (!first.ok) return first;
  if (policy.visibility !== 'own') return { ok: true, intent };
  switch (intent.kind) {
    case 'task':
    case 'task_history': {
      const owners = await taskOwnersByNumber(db, planId, [intent.number]);
      // A number the plan does not have is answered "not found", which tells nothing.
      const ids = owners.get(intent.number) ?? [];
      const d = ids.length ? decide({ kind: 'task', departmentIds: ids }) : first;
      return d.ok ? { ok: true, intent } : d;
    }
    case 'search': {
      const owners = await taskOwnersByNumber(db, planId, intent.candidates.map((c) => c.number));
      if (intent.confident && intent.candidates[0]) {
        const d = decide({ kind: 'task', departmentIds: owners.get(intent.candidates[0].number) ?? [] });
        if (d.ok) return { ok: true, intent };
      }
      const candidates = intent.candidates.filter((c) => readableTask(policy, reader, owners.get(c.number) ?? []));
      return { ok: true, intent: { ...intent, candidates, confident: false } };
    }
    case 'tasks': {
      // several tasks asked at once: those the reader may see; refused only when none is
      const owners = await taskOwnersByNumber(db, planId, intent.numbers);
      const numbers = intent.numbers.filter((n) => !owners.has(n) || readableTask(policy, reader, owners.get(n) ?? []));
      const existing = intent.numbers.filter((n) => owners.has(n));
      if (existing.length === 0 || existing.some((n) => numbers.includes(n))) return { ok: true, intent: { ...intent, numbers } };
      const d = decide({ kind: 'task', departmentIds: owners.get(existing[0]!) ?? [] });
      return d.ok ? { ok: true, intent: { ...intent, numbers } } : d;
    }
    case 'key_point': {
      // like a task: a number the plan does not have is answered "not found"
      const ids = (await keyPointOwners(db, planId)).get(intent.number) ?? [];
      const d = ids.length ? decide({ kind: 'task', departmentIds: ids }) : first;
      return d.ok ? { ok: true, intent } : d;
    }
    case 'key_points': {
      // several or all: those the reader may see; refused only when none is
      const owners = await keyPointOwners(db, planId);
      const asked = intent.numbers ?? [...owners.keys()].sort((a, b) => a - b);
      const numbers = asked.filter((n) => !owners.has(n) || readableTask(policy, reader, owners.get(n) ?? []));
      const existing = asked.filter((n) => owners.has(n));
      if (existing.length > 0 && !existing.some((n) => numbers.includes(n))) {
        const d = decide({ kind: 'task', departmentIds: owners.get(existing[0]!) ?? [] });
        if (!d.ok) return d;
      }
      return { ok: true, intent: { kind: 'key_points', numbers } };
    }
    case 'indicator': {
      const d = decide({ kind: 'indicator', ownerDepartmentIds: await indicatorOwners(db, intent.indicatorIds) });
      return d.ok ? { ok: true, intent } : d;
    }
    default:
      return { ok: true, intent };
  }
}

/** The subject as far as the intent alone tells (owners are checked afterwards, when they matter). */
function subjectWithoutOwners(intent: Intent): ReadSubject {
  switch (intent.kind) {
    case 'task':
    case 'task_history':
    case 'tasks':
    case 'key_point':
    case 'key_points':
    case 'search':
    case 'other_plan':
      return { kind: 'search' };
    case 'unit_history':
      return { kind: 'response_history', departmentId: intent.departmentId };
    case 'department':
      return { kind: 'department', departmentId: intent.departmentId };
    case 'list':
      return intent.filter === 'not_reported' ? { kind: 'not_reported' } : { kind: 'list' };
    case 'regions':
      // who has (not) reported, over the regional offices: the same reading as 谁还没填报
      return { kind: 'not_reported' };
    case 'indicator':
      return { kind: 'search' };
    case 'digest':
      return { kind: 'digest' };
    case 'results':
      return { kind: 'results' };
    case 'help':
    case 'operation':
      return { kind: 'help' };
    case 'unknown':
      return { kind: 'unknown' };
  }
}

/**
 * A button that asks a question (ask-back candidates, guesses): whoever may not ask at all is refused
 * at the click, as a toast; the answer itself goes through gateIntent like a typed question.
 */
export async function decideAsk(db: DbOrTx, asker: Asker): Promise<ReadDecision> {
  const access = await loadReadAccess(db, asker);
  return access ? decideRead(access.policy, access.reader, { kind: 'search' }) : { ok: true };
}

/**
 * The digest's 详情 button: the same check as asking 「任务N」, done before anything is queued so
 * a refusal is the toast itself. A task that does not exist is refused the same way as an outsider's
 * question would be, without saying whether it exists.
 */
export async function decideTaskDetail(db: DbOrTx, taskId: number, asker: Asker): Promise<ReadDecision> {
  const access = await loadReadAccess(db, asker);
  if (!access) return { ok: true };
  const first = decideRead(access.policy, access.reader, { kind: 'search' });
  if (!first.ok) return first;
  const task = await taskById(db, taskId);
  if (!task) return { ok: false, code: 'TASK_UNKNOWN', message: '该任务已不存在，请在最新的汇总卡片上查看' };
  return decideRead(access.policy, access.reader, { kind: 'task', departmentIds: task.departmentIds });
}
