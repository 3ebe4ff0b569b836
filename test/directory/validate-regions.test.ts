import { describe, expect, it } from 'vitest';
import { parseDirectory, parseDirectoryObject } from '../../src/directory/parse.ts';
import { checkDirectory } from '../../src/directory/validate.ts';
import type { KnownDepartment } from '../../src/directory/types.ts';

// checkDirectory's whole messages (src/directory/validate.ts), regions in particular: each names
// the line of the region's entry when the directory was read from a file.

describe('regions', () => {
  it('refuses unknown, abbreviated, repeated regions and ones that are departments, each with its line', () => {
    const known: KnownDepartment[] = [{ name: '保护司', aliases: [] }];
    const dir = parseDirectory(
      'regions:\n  - name: 广东知识产权局\n  - name: 广东\n  - { name: 北京市知识产权局, aliases: [保护司] }\n  - name: 广东省知识产权局\n  - name: 商标局\ndepartments:\n  - name: 商标局\n',
    );
    expect(checkDirectory(dir, known, { allowNew: true })).toEqual([
      '第 2 行：未知地区「广东知识产权局」，您是否指：广东省知识产权局、山东省知识产权局、安徽省知识产权局',
      '第 3 行：地区须写全称「广东省知识产权局」（「广东」可写在 aliases 中）',
      '第 4 行：「保护司」已作为部门「保护司」列出，不能同时作为地区',
      '第 5 行：地区「广东省知识产权局」在文件中出现了两次',
      '第 6 行：未知地区「商标局」，您是否指：安徽省知识产权局、北京市知识产权局、重庆市知识产权局',
    ]);
  });

  it('a region that is a department of the file is refused too', () => {
    const dir = parseDirectory('departments:\n  - { name: 广东省知识产权局 }\nregions:\n  - name: 广东省知识产权局\n');
    expect(checkDirectory(dir, [], { allowNew: true })).toEqual(['第 4 行：「广东省知识产权局」已作为部门「广东省知识产权局」列出，不能同时作为地区']);
  });

  it('a known region (kind region) is not a department, so listing it is fine', () => {
    const dir = parseDirectory('regions:\n  - { name: 广东省知识产权局, aliases: [广东], chat_id: oc_gd }\n');
    expect(checkDirectory(dir, [{ name: '广东省知识产权局', aliases: ['广东'], kind: 'region' }])).toEqual([]);
  });

  it('without line numbers (a directory not read from text), the messages have no prefix', () => {
    const dir = parseDirectoryObject({ regions: [{ name: '广东' }, { name: '广东省知识产权局' }] });
    expect(checkDirectory(dir, [])).toEqual(['地区须写全称「广东省知识产权局」（「广东」可写在 aliases 中）', '地区「广东省知识产权局」在文件中出现了两次']);
  });
});

describe('departments and chats', () => {
  it('a department listed twice with the same chat is one problem, not a chat conflict', () => {
    const dir = parseDirectory('departments:\n  - { name: 保护司, chat_id: oc_1 }\n  - { name: 保护司, chat_id: oc_1 }\n');
    expect(checkDirectory(dir, [{ name: '保护司', aliases: [] }])).toEqual(['部门「保护司」在文件中出现了两次']);
  });

  it('departments and regions without a chat claim none', () => {
    const dir = parseDirectory('departments:\n  - name: 保护司\n  - name: 商标局\nregions:\n  - name: 广东省知识产权局\n  - name: 北京市知识产权局\n');
    expect(checkDirectory(dir, [{ name: '保护司', aliases: [] }, { name: '商标局', aliases: [] }])).toEqual([]);
  });

  it('a chat given to a department, a region and a leadership chat is named for each later claim', () => {
    const dir = parseDirectory(
      'departments:\n  - { name: 保护司, chat_id: oc_1 }\nregions:\n  - { name: 广东省知识产权局, chat_id: oc_1 }\nleadership:\n  - { name: 局领导, chat_id: oc_1 }\n',
    );
    expect(checkDirectory(dir, [{ name: '保护司', aliases: [] }])).toEqual([
      '群 oc_1 同时绑定了「保护司」和「广东省知识产权局」',
      '群 oc_1 同时绑定了「广东省知识产权局」和「领导群 局领导」',
    ]);
  });
});
