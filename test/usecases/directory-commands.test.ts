import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../src/db/repositories/directory.repository.ts';
import { admins, departmentAliases, departments } from '../../src/db/schema/index.ts';
import { NOT_ADMIN_REPLY, runDirectoryCommand, type DirectoryCommandInput } from '../../src/usecases/directory-commands.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { clearDirectory, directoryCounts, seedLikeImport } from './directory-fixtures.ts';

const BOT = 'ou_bot';
const bot = { key: '@_user_1', id: { open_id: BOT }, name: '督办机器人' };
const msg = (text: string, extra: Partial<DirectoryCommandInput> = {}): DirectoryCommandInput => ({
  text,
  mentions: [bot],
  chatId: 'oc_group_1',
  chatName: '运用司工作群',
  senderOpenId: 'ou_admin',
  botOpenId: BOT,
  ...extra,
});

describe('directory commands in chat', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('directory_cmd');
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(async () => {
    await clearDirectory(t.db);
    await seedLikeImport(t.db);
    await t.db.insert(admins).values({ openId: 'ou_admin' });
    const yy = await repo.findDepartmentByNameOrAlias(t.db, '运用促进司');
    await t.db.insert(departmentAliases).values({ alias: '运用司', departmentId: yy!.id });
  });

  it('an admin binds the chat to a department by name or alias', async () => {
    const r = await runDirectoryCommand(t.db, msg('@_user_1 绑定 运用司'));
    expect(r).toEqual({ reply: '已将本群绑定为「运用促进司」的工作群，该部门的任务填报卡片和催办将发送到这里。', changed: true });
    expect((await repo.departmentByChat(t.db, 'oc_group_1'))?.name).toBe('运用促进司');
  });

  it('binding the chat to another department moves it', async () => {
    await runDirectoryCommand(t.db, msg('@_user_1 绑定 运用促进司'));
    await runDirectoryCommand(t.db, msg('@_user_1 绑定 保护司'));
    expect((await repo.departmentByChat(t.db, 'oc_group_1'))?.name).toBe('保护司');
    expect((await repo.findDepartmentByNameOrAlias(t.db, '运用促进司'))?.chatId).toBeNull();
  });

  it('an admin makes the chat a leadership chat', async () => {
    const r = await runDirectoryCommand(t.db, msg('@_user_1 绑定 领导', { chatId: 'oc_lead', chatName: '局领导' }));
    expect(r?.changed).toBe(true);
    expect(await repo.leadershipChats(t.db)).toEqual([{ chatId: 'oc_lead', name: '局领导' }]);
  });

  it('an admin adds the mentioned people as reporters, with their names', async () => {
    const mentions = [bot, { key: '@_user_2', id: { open_id: 'ou_zhang' }, name: '张三' }, { key: '@_user_3', id: { open_id: 'ou_li' }, name: '李四' }];
    const r = await runDirectoryCommand(t.db, msg('@_user_1 添加填报人 运用促进司 @_user_2 @_user_3', { mentions }));
    expect(r).toEqual({ reply: '已将 张三、李四 添加为「运用促进司」的填报人。', changed: true });
    const dept = await repo.findDepartmentByNameOrAlias(t.db, '运用促进司');
    expect(await repo.listReporters(t.db, dept!.id)).toEqual([
      { openId: 'ou_li', name: '李四' },
      { openId: 'ou_zhang', name: '张三' },
    ]);
    const again = await runDirectoryCommand(t.db, msg('@_user_1 添加填报人 运用促进司 @_user_2', { mentions }));
    expect(again).toEqual({ reply: '张三 已是「运用促进司」的填报人。', changed: false });
  });

  it('refuses a non-admin politely and changes nothing', async () => {
    const before = await directoryCounts(t.db);
    for (const text of ['@_user_1 绑定 运用促进司', '@_user_1 绑定 领导', '@_user_1 添加填报人 运用促进司 @_user_2']) {
      const mentions = [bot, { key: '@_user_2', id: { open_id: 'ou_zhang' }, name: '张三' }];
      expect(await runDirectoryCommand(t.db, msg(text, { senderOpenId: 'ou_someone', mentions }))).toEqual({ reply: NOT_ADMIN_REPLY, changed: false });
    }
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('an unknown department lists the nearest names and changes nothing', async () => {
    const before = await directoryCounts(t.db);
    const r = await runDirectoryCommand(t.db, msg('@_user_1 绑定 运用促进处'));
    expect(r?.reply).toMatch(/^未知部门「运用促进处」，您是否指：运用促进司/);
    expect(r?.changed).toBe(false);
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('an unknown region lists the nearest regions in a region’s words and changes nothing; a known one binds as a region', async () => {
    const [gd] = await t.db.insert(departments).values({ name: '广东省知识产权局', kind: 'region' }).returning();
    await t.db.insert(departments).values([{ name: '广西壮族自治区知识产权局', kind: 'region' }, { name: '广东省知识产权保护中心', kind: 'region' }]);
    await t.db.insert(departmentAliases).values({ alias: '广东', departmentId: gd!.id });
    const before = await directoryCounts(t.db);
    for (const text of ['@_user_1 绑定 广东知识产权局', '@_user_1 添加填报人 广东知识产权局 @_user_2']) {
      const r = await runDirectoryCommand(t.db, msg(text, { mentions: [bot, { key: '@_user_2', id: { open_id: 'ou_zhang' }, name: '张三' }] }));
      expect(r?.reply).toMatch(/^未知地区「广东知识产权局」，您是否指：广东省知识产权局、/);
      expect(r?.reply).not.toContain('运用促进司');
      expect(r?.changed).toBe(false);
    }
    expect(await directoryCounts(t.db)).toEqual(before);
    expect(await repo.departmentByChat(t.db, 'oc_group_1')).toBeNull();
    const bound = await runDirectoryCommand(t.db, msg('@_user_1 绑定 广东'));
    expect(bound?.reply).toBe('已将本群绑定为「广东省知识产权局」的工作群，该地区的任务填报卡片和催办将发送到这里。');
  });

  it('refuses adding everyone, or nobody, or only the bot', async () => {
    const before = await directoryCounts(t.db);
    const all = [bot, { key: '@_all', id: { open_id: null }, name: '所有人' }];
    expect((await runDirectoryCommand(t.db, msg('@_user_1 添加填报人 运用促进司 @_all', { mentions: all })))?.reply).toBe('不能把「所有人」添加为填报人，请 @ 具体的人。');
    expect((await runDirectoryCommand(t.db, msg('@_user_1 添加填报人 运用促进司')))?.reply).toMatch(/^请 @ 要添加的人/);
    expect((await runDirectoryCommand(t.db, msg('@_user_1 添加填报人 运用促进司 @_user_1')))?.reply).toMatch(/^请 @ 要添加的人/);
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('a reply echoing typed text cannot mention anyone', async () => {
    const r = await runDirectoryCommand(t.db, msg('@_user_1 绑定 <at user_id="all">x</at>'));
    expect(r?.reply).not.toMatch(/<at/);
  });

  it('other messages are not commands', async () => {
    expect(await runDirectoryCommand(t.db, msg('@_user_1 任务5进展？'))).toBeNull();
  });
});
