import { describe, expect, it } from 'vitest';
import { personRefs, substitutePeople, type PersonKey } from '../../src/directory/people-refs.ts';

// People written by email or mobile in the directory file (an administrator cannot see open_ids):
// which entries need looking up, and the file once they are replaced.

const file = () => ({
  admins: ['ou_admin', { email: ' Zhang.San@CNIPA.gov.cn ' }, { open_id: 'ou_x', email: 'ignored@x.cn' }],
  departments: [
    { name: '保护司', reporters: [{ mobile: '138-0013 8000', name: ' 李四 ' }, 'ou_r1'] },
    { name: '运用促进司' },
    { name: '审查部', reporters: [{ mobile: 13900139000 }] },
  ],
  regions: [{ name: '广东省知识产权局', reporters: [{ email: 'gd@example.cn' }] }],
  leadership: [{ chat: 'oc_lead', leaders: [{ email: 'boss@example.cn' }], reporters: [{ email: 'not-a-leader-list@example.cn' }] }],
});

describe('personRefs', () => {
  it('lists every email and mobile entry with where it is, normalised, in file order', () => {
    expect(personRefs(file())).toEqual([
      { key: 'email:zhang.san@cnipa.gov.cn', where: 'admins[1]' },
      { key: 'mobile:13800138000', where: 'departments[0].reporters[0]' },
      { key: 'mobile:13900139000', where: 'departments[2].reporters[0]' },
      { key: 'email:gd@example.cn', where: 'regions[0].reporters[0]' },
      { key: 'email:boss@example.cn', where: 'leadership[0].leaders[0]' },
    ]);
  });

  it('skips open_ids, entries with an open_id, blank emails, other shapes and files that are no object', () => {
    const raw = { admins: ['ou_a', { open_id: 'ou_b', mobile: '1' }, { email: '   ' }, { email: 5 }, { name: '王五' }, null, ['x'], 7], departments: 'none', regions: [null, 'x', { reporters: 'x' }] };
    expect(personRefs(raw)).toEqual([]);
    expect(personRefs(null)).toEqual([]);
    expect(personRefs('admins: []')).toEqual([]);
    expect(personRefs({ admins: 'x' })).toEqual([]);
  });
});

describe('substitutePeople', () => {
  const found = new Map<PersonKey, { openId: string; name: string | null }>([
    ['email:zhang.san@cnipa.gov.cn', { openId: 'ou_zs', name: '张三' }],
    ['mobile:13800138000', { openId: 'ou_ls', name: '李四（通讯录）' }],
    ['mobile:13900139000', { openId: 'ou_ww', name: null }],
    ['email:boss@example.cn', { openId: 'ou_boss', name: '领导' }],
  ]);

  it('replaces each found entry by its open_id and name (the file’s name first), and lists the ones not found', () => {
    const raw = file();
    const { raw: out, missing } = substitutePeople(raw, found);
    expect(out).toEqual({
      admins: ['ou_admin', { open_id: 'ou_zs', name: '张三' }, { open_id: 'ou_x', email: 'ignored@x.cn' }],
      departments: [
        { name: '保护司', reporters: [{ open_id: 'ou_ls', name: '李四' }, 'ou_r1'] },
        { name: '运用促进司' },
        { name: '审查部', reporters: ['ou_ww'] }, // no name anywhere: the bare open_id
      ],
      regions: [{ name: '广东省知识产权局', reporters: [{ email: 'gd@example.cn' }] }],
      leadership: [{ chat: 'oc_lead', leaders: [{ open_id: 'ou_boss', name: '领导' }], reporters: [{ email: 'not-a-leader-list@example.cn' }] }],
    });
    expect(missing).toEqual([{ key: 'email:gd@example.cn', where: 'regions[0].reporters[0]' }]);
    expect(raw).toEqual(file()); // the caller's object is left as it was
  });

  it('a blank name in the file gives way to the looked-up one', () => {
    const { raw } = substitutePeople({ admins: [{ email: 'zhang.san@cnipa.gov.cn', name: '   ' }] }, found);
    expect(raw).toEqual({ admins: [{ open_id: 'ou_zs', name: '张三' }] });
  });

  it('leaves a file that is no object alone', () => {
    expect(substitutePeople(null, found)).toEqual({ raw: null, missing: [] });
    expect(substitutePeople('x', found)).toEqual({ raw: 'x', missing: [] });
  });
});
