import { describe, expect, it } from 'vitest';
import { parseDirectoryCommand, USAGE } from '../../src/directory/commands.ts';

// The admin commands typed in a group (src/directory/commands.ts): where a command starts and ends,
// and how the Lark mention placeholders (@_user_1) are read around the department's name.

describe('绑定', () => {
  it('is a command only at the start of the text, after the mentions and spaces', () => {
    expect(parseDirectoryCommand('  绑定 运用促进司  ')).toEqual({ kind: 'bind_department', department: '运用促进司' });
    expect(parseDirectoryCommand('@_user_1  @_user_2 绑定 运用促进司')).toEqual({ kind: 'bind_department', department: '运用促进司' });
    expect(parseDirectoryCommand('请绑定 运用促进司')).toBeNull();
    expect(parseDirectoryCommand('@_user_1 请帮我绑定 运用促进司')).toBeNull();
    expect(parseDirectoryCommand('绑定运用促进司')).toBeNull();
  });

  it('reads the department after any number of spaces, and over several lines', () => {
    expect(parseDirectoryCommand('绑定   运用促进司')).toEqual({ kind: 'bind_department', department: '运用促进司' });
    expect(parseDirectoryCommand('绑定\n运用促进司')).toEqual({ kind: 'bind_department', department: '运用促进司' });
  });

  it('drops mentions around the department name', () => {
    expect(parseDirectoryCommand('绑定 运用促进司 @_user_2')).toEqual({ kind: 'bind_department', department: '运用促进司' });
    expect(parseDirectoryCommand('绑定 @_user_2 运用促进司')).toEqual({ kind: 'bind_department', department: '运用促进司' });
    expect(parseDirectoryCommand('绑定 运用促进司@_all')).toEqual({ kind: 'bind_department', department: '运用促进司' });
  });

  it('binds a leadership chat only for the exact words 领导, 领导群, 局领导', () => {
    expect(parseDirectoryCommand('绑定 局领导')).toEqual({ kind: 'bind_leadership' });
    expect(parseDirectoryCommand('绑定 领导 @_user_2')).toEqual({ kind: 'bind_leadership' });
    expect(parseDirectoryCommand('绑定 领导小组')).toEqual({ kind: 'bind_department', department: '领导小组' });
    expect(parseDirectoryCommand('绑定 副局领导')).toEqual({ kind: 'bind_department', department: '副局领导' });
  });

  it('answers the usage for a missing name or one with spaces in it', () => {
    const usage = { kind: 'usage', message: '用法：绑定 部门名称（如「绑定 运用促进司」），或「绑定 领导」' };
    expect(USAGE.bind).toBe(usage.message);
    expect(parseDirectoryCommand('绑定')).toEqual(usage);
    expect(parseDirectoryCommand('绑定 @_user_2')).toEqual(usage);
    expect(parseDirectoryCommand('绑定 运用 促进司')).toEqual(usage);
    expect(parseDirectoryCommand('绑定 运用促进司 领导')).toEqual(usage);
  });
});

describe('添加填报人', () => {
  it('is a command only at the start of the text', () => {
    expect(parseDirectoryCommand('  添加填报人 运用促进司 @_user_2')).toEqual({ kind: 'add_reporter', department: '运用促进司', mentionKeys: ['@_user_2'] });
    expect(parseDirectoryCommand('请添加填报人 运用促进司 @_user_2')).toBeNull();
    expect(parseDirectoryCommand('添加填报人员 运用促进司 @_user_2')).toBeNull();
  });

  it('reads the department after any number of spaces, with no mention at all', () => {
    expect(parseDirectoryCommand('添加填报人   运用促进司')).toEqual({ kind: 'add_reporter', department: '运用促进司', mentionKeys: [] });
  });

  it('takes the first word that is not a mention as the department, a mention ending a word', () => {
    expect(parseDirectoryCommand('添加填报人 @_user_2 运用促进司 @_user_3')).toEqual({ kind: 'add_reporter', department: '运用促进司', mentionKeys: ['@_user_2', '@_user_3'] });
    expect(parseDirectoryCommand('添加填报人 运用@_user_2促进司')).toEqual({ kind: 'add_reporter', department: '运用', mentionKeys: ['@_user_2'] });
    expect(parseDirectoryCommand('添加填报人 运用促进司 张三 @_user_2')).toEqual({ kind: 'add_reporter', department: '运用促进司', mentionKeys: ['@_user_2'] });
  });

  it('answers the usage when no department is named', () => {
    const usage = { kind: 'usage', message: '用法：添加填报人 部门名称 @某人（可同时 @ 多人）' };
    expect(USAGE.addReporter).toBe(usage.message);
    expect(parseDirectoryCommand('添加填报人')).toEqual(usage);
    expect(parseDirectoryCommand('添加填报人 @_user_2 @_user_3')).toEqual(usage);
  });
});
