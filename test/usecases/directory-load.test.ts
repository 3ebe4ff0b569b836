import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../src/db/repositories/directory.repository.ts';
import { chats, departments, indicators } from '../../src/db/schema/index.ts';
import { parseDirectory } from '../../src/directory/parse.ts';
import { loadDirectory } from '../../src/usecases/load-directory.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { clearDirectory, directoryCounts, seedLikeImport } from './directory-fixtures.ts';

const example = parseDirectory(readFileSync(new URL('../../directory.example.yaml', import.meta.url), 'utf8'));
const now = new Date('2021-06-07T01:00:00Z');

describe('loading the directory', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('directory_load');
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(async () => {
    await clearDirectory(t.db);
  });

  it('binds every seed department to its chat with its reporters, aliases, admins, leadership and indicator owners', async () => {
    await seedLikeImport(t.db);
    const s = await loadDirectory(t.db, example, { now });
    expect(s.departmentsCreated).toEqual([]);
    expect(s.departmentsUpdated).toHaveLength(13);
    expect(s.leadership.added).toEqual(['局领导']);
    expect(s.admins?.added).toEqual(['ou_admin_0001', 'ou_admin_0002']);
    expect(s.indicators.assigned).toHaveLength(6);
    expect(s.indicators.unmatched).toEqual([]);

    const yy = await repo.findDepartmentByNameOrAlias(t.db, '运用司');
    expect(yy).toMatchObject({ name: '运用促进司', chatId: 'oc_dept_yycjs' });
    expect(await repo.listReporters(t.db, yy!.id)).toEqual([
      { openId: 'ou_yycjs_0001', name: '张三' },
      { openId: 'ou_yycjs_0002', name: '李四' },
    ]);
    expect(await repo.isReporter(t.db, yy!.id, 'ou_yycjs_0001')).toBe(true);
    expect(await repo.isReporter(t.db, yy!.id, 'ou_bhs_0001')).toBe(false);
    expect(await repo.isAdmin(t.db, 'ou_admin_0001')).toBe(true);
    expect(await repo.isAdmin(t.db, 'ou_yycjs_0001')).toBe(false);
    expect(await repo.leadershipChats(t.db)).toEqual([{ chatId: 'oc_leadership_0001', name: '局领导' }]);
    expect((await repo.departmentByChat(t.db, 'oc_dept_sbj'))?.name).toBe('商标局');
    expect(await repo.departmentByChat(t.db, 'oc_leadership_0001')).toBeNull();
    expect((await repo.listDepartments(t.db)).filter((d) => d.chatId && d.kind === 'department')).toHaveLength(13);
    expect((await repo.listDepartments(t.db)).filter((d) => d.chatId && d.kind === 'region')).toHaveLength(34);

    const owners = await t.db
      .select({ indicator: indicators.name, department: departments.name })
      .from(indicators)
      .innerJoin(departments, eq(departments.id, indicators.ownerDepartmentId));
    expect(owners).toContainEqual({ indicator: '高价值发明专利审查周期', department: '专利局审查部' });
    expect(owners).toContainEqual({ indicator: '技术与创新支持中心（TISC）', department: '公共服务司' });
  });

  it('loading the same file again changes nothing', async () => {
    await seedLikeImport(t.db);
    await loadDirectory(t.db, example, { now });
    const before = await directoryCounts(t.db);
    const s = await loadDirectory(t.db, example, { now });
    expect(s).toMatchObject({ departmentsCreated: [], departmentsUpdated: [], reporters: [], admins: { added: [], removed: [] } });
    expect(s.leadership).toEqual({ added: [], updated: [] });
    expect(s.indicators).toEqual({ assigned: [], unmatched: [] });
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('loading an edited file updates chats, replaces listed reporters and admins, keeps unlisted ones', async () => {
    await seedLikeImport(t.db);
    await loadDirectory(t.db, example, { now });
    const edited = parseDirectory(`
admins: [ou_admin_0002]
leadership:
  - { name: 局领导（新）, chat_id: oc_leadership_0001 }
departments:
  - name: 运用促进司
    chat_id: oc_dept_new
    reporters: [{ open_id: ou_yycjs_0003, name: 王五 }]
  - name: 保护司
    aliases: [保护]
`);
    const s = await loadDirectory(t.db, edited, { now });
    expect(s.departmentsUpdated.sort()).toEqual(['保护司', '运用促进司'].sort());
    expect(s.reporters).toEqual([{ department: '运用促进司', added: ['ou_yycjs_0003'], removed: ['ou_yycjs_0001', 'ou_yycjs_0002'] }]);
    expect(s.admins).toEqual({ added: [], removed: ['ou_admin_0001'] });
    expect(s.leadership.updated).toEqual(['局领导（新）']);

    const yy = await repo.findDepartmentByNameOrAlias(t.db, '运用促进司');
    expect(yy?.chatId).toBe('oc_dept_new');
    expect(await repo.departmentByChat(t.db, 'oc_dept_yycjs')).toBeNull();
    const [old] = await t.db.select().from(chats).where(eq(chats.chatId, 'oc_dept_yycjs'));
    expect(old).toMatchObject({ kind: 'other', departmentId: null });
    // 保护司 was listed without reporters: they stay.
    const bhs = await repo.findDepartmentByNameOrAlias(t.db, '保护');
    expect(await repo.listReporters(t.db, bhs!.id)).toEqual([{ openId: 'ou_bhs_0001', name: '周杰' }]);
    expect(await repo.isAdmin(t.db, 'ou_admin_0001')).toBe(false);
  });

  it('an unknown department refuses the whole file, naming the nearest, and writes nothing', async () => {
    await seedLikeImport(t.db);
    const before = await directoryCounts(t.db);
    const bad = parseDirectory('admins: [ou_x]\ndepartments:\n  - { name: 运用促进司, chat_id: oc_1, reporters: [ou_r] }\n  - { name: 公共服务处, chat_id: oc_2 }\n');
    await expect(loadDirectory(t.db, bad, { now })).rejects.toMatchObject({
      code: 'DIRECTORY_INVALID',
      message: expect.stringMatching(/^未知部门「公共服务处」，您是否指：公共服务司/),
    });
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('before any plan import it can create the departments from the file', async () => {
    const s = await loadDirectory(t.db, example, { now, createMissingDepartments: true });
    expect(s.departmentsCreated).toHaveLength(13);
    expect(s.indicators.unmatched).toHaveLength(6);
    expect((await repo.listDepartments(t.db)).map((d) => d.name)).toContain('专利局自动化部');
  });

  it('without permission to create, the same file is refused on an empty database', async () => {
    await expect(loadDirectory(t.db, example, { now })).rejects.toMatchObject({ code: 'DIRECTORY_INVALID' });
    expect((await directoryCounts(t.db)).departments).toBe(0);
  });
});
