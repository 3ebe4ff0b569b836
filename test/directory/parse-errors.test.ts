import { describe, expect, it } from 'vitest';
import { parseDirectory, parseDirectoryObject, withRegionLines } from '../../src/directory/parse.ts';

// The whole messages of a refused directory file (src/directory/parse.ts): YAML syntax errors with
// their line numbers, schema problems with where they are, and the problems also in `details`.

function refusal(text: string): { code: string; message: string; details: unknown } {
  try {
    parseDirectory(text);
  } catch (e) {
    const { code, message, details } = e as { code: string; message: string; details: unknown };
    return { code, message, details };
  }
  throw new Error('the file was accepted');
}

describe('YAML that does not parse', () => {
  it('refuses a key written twice, each repetition with its line, only the first line of the parser’s message', () => {
    expect(refusal('departments: []\ndepartments: []\ndepartments: []\n')).toEqual({
      code: 'DIRECTORY_INVALID',
      message: '目录文件不是有效的 YAML：第 2 行：Map keys must be unique at line 2, column 1:；第 3 行：Map keys must be unique at line 3, column 1:',
      details: { problems: ['第 2 行：Map keys must be unique at line 2, column 1:', '第 3 行：Map keys must be unique at line 3, column 1:'] },
    });
  });

  it('refuses an unclosed list with the line where the parser gave up', () => {
    expect(refusal('departments:\n  - name: [保护司\n')).toEqual({
      code: 'DIRECTORY_INVALID',
      message: '目录文件不是有效的 YAML：第 3 行：Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:',
      details: { problems: ['第 3 行：Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:'] },
    });
  });
});

describe('a file of the wrong shape', () => {
  it('names the file itself when the whole document is wrong', () => {
    expect(refusal('- 保护司\n')).toEqual({
      code: 'DIRECTORY_INVALID',
      message: '目录文件有误：（文件）：Invalid input: expected object, received array',
      details: { problems: ['（文件）：Invalid input: expected object, received array'] },
    });
  });

  it('lists every unknown field of an entry, and every problem of the file', () => {
    expect(refusal('departments:\n  - { name: 保护司, chatid: oc_1, reporter: ou_a }\n  - { name: 商标局, chat_id: x1 }\n')).toEqual({
      code: 'DIRECTORY_INVALID',
      message: '目录文件有误：departments[0]：未知字段 chatid、reporter；departments[1].chat_id：须为 oc_ 开头的群 ID',
      details: { problems: ['departments[0]：未知字段 chatid、reporter', 'departments[1].chat_id：须为 oc_ 开头的群 ID'] },
    });
  });

  it('explains the ways to name a person only where a person is expected', () => {
    expect(refusal('admins: [admin1]\nvisibility: everyone\n').details).toEqual({
      problems: [
        'admins[0]：须为 ou_ 开头的 open_id，或 { open_id, name }、{ email }、{ mobile }（email / mobile 由 duban directory 通过飞书通讯录查找）',
        'visibility：Invalid option: expected one of "members"|"open"|"own"',
      ],
    });
  });
});

describe('what a valid file keeps', () => {
  it('keeps a department’s approver when given, null when cleared, and no approver key when absent', () => {
    const dir = parseDirectory('departments:\n  - { name: 保护司, approver: ou_a }\n  - { name: 商标局, approver: null }\n  - { name: 人事司 }\n');
    expect(dir.departments[0]!.approver).toEqual({ openId: 'ou_a', name: null });
    expect(dir.departments[1]!.approver).toBeNull();
    expect(dir.departments[2]).toStrictEqual({ name: '人事司', aliases: [], chatId: null, reporters: null });
  });

  it('gives each region the line of its entry', () => {
    const dir = parseDirectory('departments: []\nregions:\n  - name: 广东省知识产权局\n\n  - name: 北京市知识产权局\n    aliases: [北京]\n');
    expect(dir.regions.map((r) => [r.name, r.line])).toEqual([
      ['广东省知识产权局', 3],
      ['北京市知识产权局', 5],
    ]);
  });

  it('withRegionLines adds the lines to a directory read from the same text', () => {
    const text = 'regions:\n  - name: 广东省知识产权局\n  - name: 北京市知识产权局\n';
    const dir = parseDirectoryObject({ regions: [{ name: '广东省知识产权局' }, { name: '北京市知识产权局' }] });
    expect(dir.regions.map((r) => r.line)).toEqual([null, null]);
    expect(withRegionLines(dir, text).regions.map((r) => r.line)).toEqual([2, 3]);
  });

  it('withRegionLines leaves the line null for a region the text does not list', () => {
    const dir = parseDirectoryObject({ regions: [{ name: '广东省知识产权局' }, { name: '北京市知识产权局' }] });
    expect(withRegionLines(dir, 'regions:\n  - name: 广东省知识产权局\n').regions.map((r) => r.line)).toEqual([2, null]);
    expect(withRegionLines(dir, 'admins: []\n').regions.map((r) => r.line)).toEqual([null, null]);
  });
});
