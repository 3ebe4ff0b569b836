import { describe, expect, it } from 'vitest';
import { decideRead, OUTSIDER, parseVisibility, readableTask, roleOf, type Reader, type ReadPolicy, type ReadSubject, type Visibility } from '../../src/domain/read-policy.ts';

const OWN = 1;
const OTHER = 2;
const READERS: Record<string, Reader> = {
  admin: { admin: true, leader: false, departments: [] },
  leader: { admin: false, leader: true, departments: [] },
  reporter: { admin: false, leader: false, departments: [{ id: OWN, name: '条法司' }] },
  outsider: { admin: false, leader: false, departments: [] },
};
const SUBJECTS: Record<string, ReadSubject> = {
  'task (own department)': { kind: 'task', departmentIds: [OWN, OTHER] },
  'task (other department)': { kind: 'task', departmentIds: [OTHER] },
  search: { kind: 'search' },
  'department (own)': { kind: 'department', departmentId: OWN },
  'department (other)': { kind: 'department', departmentId: OTHER },
  list: { kind: 'list' },
  'indicator (own)': { kind: 'indicator', ownerDepartmentIds: [OWN] },
  'indicator (other)': { kind: 'indicator', ownerDepartmentIds: [OTHER] },
  digest: { kind: 'digest' },
  not_reported: { kind: 'not_reported' },
  help: { kind: 'help' },
  unknown: { kind: 'unknown' },
};

// ok = allowed; otherwise the refusal code. One column per subject above, in order.
type Cell = 'ok' | 'NOT_MEMBER' | 'LEADERS_ONLY' | 'OWN_DEPARTMENTS_ONLY';
const ALL_OK: Cell[] = Array(12).fill('ok');
const NM: Cell[] = Array(12).fill('NOT_MEMBER');
const LO = 'LEADERS_ONLY';
const OD = 'OWN_DEPARTMENTS_ONLY';
const EXPECTED: Record<Visibility, Record<string, Cell[]>> = {
  members: {
    admin: ALL_OK,
    leader: ALL_OK,
    reporter: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', LO, LO, 'ok', 'ok'],
    outsider: NM,
  },
  open: {
    admin: ALL_OK,
    leader: ALL_OK,
    reporter: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', LO, LO, 'ok', 'ok'],
    outsider: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', LO, LO, 'ok', 'ok'],
  },
  own: {
    admin: ALL_OK,
    leader: ALL_OK,
    reporter: ['ok', OD, 'ok', 'ok', OD, OD, 'ok', OD, LO, LO, 'ok', 'ok'],
    outsider: NM,
  },
};

describe('the read policy', () => {
  for (const visibility of ['members', 'open', 'own'] as const) {
    const policy: ReadPolicy = { visibility, contacts: ['周督办', '吴督办'] };
    for (const [role, reader] of Object.entries(READERS)) {
      it(`under ${visibility}, decides every question kind for the ${role}`, () => {
        const got = Object.values(SUBJECTS).map((s) => {
          const d = decideRead(policy, reader, s);
          return d.ok ? 'ok' : d.code;
        });
        expect(Object.fromEntries(Object.keys(SUBJECTS).map((k, i) => [k, got[i]]))).toEqual(
          Object.fromEntries(Object.keys(SUBJECTS).map((k, i) => [k, EXPECTED[visibility][role]![i]])),
        );
      });
    }
  }

  it('names the admins to contact in every refusal, in Chinese, and nothing about the plan', () => {
    const policy: ReadPolicy = { visibility: 'own', contacts: ['周督办', '吴督办'] };
    const outsider = decideRead(policy, READERS.outsider!, { kind: 'task', departmentIds: [OTHER] });
    expect(outsider).toEqual({ ok: false, code: 'NOT_MEMBER', message: '抱歉，您不在督办名录中，暂不能查询督办事项。如需开通，请联系督办管理员（周督办、吴督办）。' });
    const digest = decideRead(policy, READERS.reporter!, { kind: 'digest' });
    expect(digest.ok ? '' : digest.message).toBe('抱歉，本周汇总仅向督办管理员和领导开放。如需查看，请联系督办管理员（周督办、吴督办）。');
    const other = decideRead(policy, READERS.reporter!, { kind: 'department', departmentId: OTHER });
    expect(other.ok ? '' : other.message).toBe('抱歉，您只能查询本部门「条法司」的任务，例如「条法司的任务」。如需查看其他部门，请联系督办管理员（周督办、吴督办）。');
  });

  it('says 督办管理员 without names when no admin is listed', () => {
    const d = decideRead({ visibility: 'members', contacts: [] }, READERS.outsider!, { kind: 'help' });
    expect(d.ok ? '' : d.message).toContain('请联系督办管理员。');
  });

  it('an indicator without an owner department is not a reporter\'s own under own', () => {
    const policy: ReadPolicy = { visibility: 'own', contacts: [] };
    expect(decideRead(policy, READERS.reporter!, { kind: 'indicator', ownerDepartmentIds: [null] }).ok).toBe(false);
    expect(decideRead(policy, READERS.reporter!, { kind: 'indicator', ownerDepartmentIds: [] }).ok).toBe(false);
  });

  it('narrows a list of tasks to the reader\'s own departments only under own', () => {
    const reporter = READERS.reporter!;
    expect(readableTask({ visibility: 'own', contacts: [] }, reporter, [OTHER])).toBe(false);
    expect(readableTask({ visibility: 'own', contacts: [] }, reporter, [OTHER, OWN])).toBe(true);
    expect(readableTask({ visibility: 'members', contacts: [] }, reporter, [OTHER])).toBe(true);
  });

  it('an admin who also reports is an admin; a leader who reports is a leader', () => {
    expect(roleOf({ admin: true, leader: true, departments: [{ id: 1, name: 'x' }] })).toBe('admin');
    expect(roleOf({ admin: false, leader: true, departments: [{ id: 1, name: 'x' }] })).toBe('leader');
  });
});

describe('reminders\' content', () => {
  it('a department chat reads only tasks its department is responsible for', async () => {
    const { readableByDepartmentChat } = await import('../../src/domain/read-policy.ts');
    expect(readableByDepartmentChat({ id: 1, name: '条法司' }, [1, 2])).toBe(true);
    expect(readableByDepartmentChat({ id: 1, name: '条法司' }, [2])).toBe(false);
    expect(readableByDepartmentChat({ id: 1, name: '条法司' }, [])).toBe(false);
  });
});

describe('a unit’s response rate (「XX的填报率」)', () => {
  const policy = (visibility: Visibility): ReadPolicy => ({ visibility, contacts: ['周督办'] });
  it.each(['members', 'open', 'own'] as Visibility[])('under %s: admins, leaders and the unit’s own reporters only', (v) => {
    const own = { kind: 'response_history', departmentId: OWN } as const;
    const other = { kind: 'response_history', departmentId: OTHER } as const;
    expect(decideRead(policy(v), READERS.admin!, other)).toEqual({ ok: true });
    expect(decideRead(policy(v), READERS.leader!, other)).toEqual({ ok: true });
    expect(decideRead(policy(v), READERS.reporter!, own)).toEqual({ ok: true });
    expect(decideRead(policy(v), READERS.reporter!, other)).toMatchObject({ ok: false, code: 'LEADERS_ONLY', message: expect.stringContaining('仅向督办管理员、领导和本部门填报人开放') });
    expect(decideRead(policy(v), READERS.outsider!, own)).toMatchObject({ ok: false, code: v === 'open' ? 'LEADERS_ONLY' : 'NOT_MEMBER' });
  });
});

describe('the read policy, in detail', () => {
  const contacts = ['周督办'];

  it('names what is for leaders only in each refusal: the digest, who has not reported, the 成效报送 overview', () => {
    const reporter = READERS.reporter!;
    const message = (kind: 'digest' | 'not_reported' | 'results') => {
      const d = decideRead({ visibility: 'members', contacts }, reporter, { kind });
      return d.ok ? '' : `${d.code} ${d.message}`;
    };
    expect(message('digest')).toBe('LEADERS_ONLY 抱歉，本周汇总仅向督办管理员和领导开放。如需查看，请联系督办管理员（周督办）。');
    expect(message('not_reported')).toBe('LEADERS_ONLY 抱歉，填报情况仅向督办管理员和领导开放。如需查看，请联系督办管理员（周督办）。');
    expect(message('results')).toBe('LEADERS_ONLY 抱歉，成效报送情况仅向督办管理员和领导开放。如需查看，请联系督办管理员（周督办）。');
    for (const visibility of ['open', 'own'] as const) {
      expect(decideRead({ visibility, contacts }, reporter, { kind: 'results' })).toMatchObject({ ok: false, code: 'LEADERS_ONLY' });
    }
    expect(decideRead({ visibility: 'open', contacts }, OUTSIDER, { kind: 'results' })).toMatchObject({ ok: false, code: 'LEADERS_ONLY' });
    expect(decideRead({ visibility: 'own', contacts }, READERS.leader!, { kind: 'results' })).toEqual({ ok: true });
    expect(decideRead({ visibility: 'own', contacts }, READERS.admin!, { kind: 'not_reported' })).toEqual({ ok: true });
  });

  it('says in full whom to ask about another unit’s response rate', () => {
    const d = decideRead({ visibility: 'members', contacts: ['周督办', '吴督办'] }, READERS.reporter!, { kind: 'response_history', departmentId: OTHER });
    expect(d).toEqual({
      ok: false,
      code: 'LEADERS_ONLY',
      message: '抱歉，各部门的填报率仅向督办管理员、领导和本部门填报人开放。如需查看，请联系督办管理员（周督办、吴督办）。',
    });
  });

  it('under own, lets a reporter of several units read any of them, and names them all when refusing', () => {
    const policy: ReadPolicy = { visibility: 'own', contacts };
    const both: Reader = { admin: false, leader: false, departments: [{ id: 3, name: '保护司' }, { id: 4, name: '运用促进司' }] };
    expect(decideRead(policy, both, { kind: 'department', departmentId: 4 })).toEqual({ ok: true });
    expect(decideRead(policy, both, { kind: 'task', departmentIds: [11, 4] })).toEqual({ ok: true });
    expect(decideRead(policy, both, { kind: 'response_history', departmentId: 4 })).toEqual({ ok: true });
    expect(decideRead(policy, both, { kind: 'task', departmentIds: [11] })).toEqual({
      ok: false,
      code: 'OWN_DEPARTMENTS_ONLY',
      message: '抱歉，您只能查询本部门「保护司」「运用促进司」的任务，例如「保护司的任务」。如需查看其他部门，请联系督办管理员（周督办）。',
    });
    expect(decideRead(policy, both, { kind: 'task', departmentIds: [] })).toMatchObject({ ok: false, code: 'OWN_DEPARTMENTS_ONLY' });
  });

  it('under own, an indicator is a reporter’s only when every owner is one of their units', () => {
    const policy: ReadPolicy = { visibility: 'own', contacts };
    const both: Reader = { admin: false, leader: false, departments: [{ id: 3, name: '保护司' }, { id: 4, name: '运用促进司' }] };
    expect(decideRead(policy, both, { kind: 'indicator', ownerDepartmentIds: [3, 4] })).toEqual({ ok: true });
    expect(decideRead(policy, both, { kind: 'indicator', ownerDepartmentIds: [3, 11] })).toMatchObject({ ok: false, code: 'OWN_DEPARTMENTS_ONLY' });
    expect(decideRead(policy, both, { kind: 'indicator', ownerDepartmentIds: [4, null] })).toMatchObject({ ok: false, code: 'OWN_DEPARTMENTS_ONLY' });
  });

  it('counts someone with no role and no unit as an outsider', () => {
    expect(roleOf(OUTSIDER)).toBe('outsider');
    expect(roleOf({ admin: false, leader: false, departments: [{ id: 3, name: '保护司' }] })).toBe('reporter');
    expect(roleOf({ admin: true, leader: false, departments: [] })).toBe('admin');
    expect(roleOf({ admin: false, leader: true, departments: [] })).toBe('leader');
  });

  it('reads the directory’s visibility, falling back to members for anything else', () => {
    expect(parseVisibility('open')).toBe('open');
    expect(parseVisibility('own')).toBe('own');
    expect(parseVisibility('members')).toBe('members');
    for (const v of [null, undefined, '', 'OWN', 'public', 'toString']) expect(parseVisibility(v), String(v)).toBe('members');
  });
});
