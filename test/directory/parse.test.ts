import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDirectoryCommand } from '../../src/directory/commands.ts';
import { nearestNames, resolveDepartment, unknownDepartmentMessage } from '../../src/directory/names.ts';
import { parseDirectory } from '../../src/directory/parse.ts';
import { checkDirectory } from '../../src/directory/validate.ts';

const SEED_DEPARTMENTS = ['办公室', '条法司', '联席办', '战略规划司', '保护司', '运用促进司', '公共服务司', '国际合作司', '人事司', '专利局审业部', '专利局自动化部', '商标局', '专利局审查部'];
const known = SEED_DEPARTMENTS.map((name) => ({ name, aliases: name === '运用促进司' ? ['运用司'] : [] }));

describe('parsing the directory file', () => {
  it('reads the example: 13 departments with chats and reporters, leadership, admins, indicator owners', () => {
    const dir = parseDirectory(readFileSync(new URL('../../directory.example.yaml', import.meta.url), 'utf8'));
    expect(dir.departments.map((d) => d.name).sort()).toEqual([...SEED_DEPARTMENTS].sort());
    for (const d of dir.departments) {
      expect(d.chatId).toMatch(/^oc_/);
      expect(d.reporters!.length).toBeGreaterThanOrEqual(1);
    }
    expect(dir.departments.find((d) => d.name === '运用促进司')!.aliases).toContain('运用司');
    expect(dir.leadership).toEqual([{ name: '局领导', chatId: 'oc_leadership_0001', leaders: [{ openId: 'ou_leader_0001', name: '刘局长' }] }]);
    expect(dir.visibility).toBe('members');
    expect(dir.admins).toHaveLength(2);
    expect(dir.indicators).toContainEqual({ indicator: '发明专利审查周期', department: '专利局审查部' });
    expect(checkDirectory(dir, known)).toEqual([]);
  });

  it('accepts the short forms of docs/operations.md#directory-file: bare open_ids, absent lists', () => {
    const dir = parseDirectory('admins: [ou_a]\ndepartments:\n  - name: 公共 服务司\n    chat_id: oc_1\n    reporters: [ou_b, {open_id: ou_c, name: 张三}]\n');
    expect(dir.admins).toEqual([{ openId: 'ou_a', name: null }]);
    expect(dir.departments[0]).toEqual({
      name: '公共服务司',
      aliases: [],
      chatId: 'oc_1',
      reporters: [{ openId: 'ou_b', name: null }, { openId: 'ou_c', name: '张三' }],
    });
    expect(dir.leadership).toEqual([]);
    expect(dir.indicators).toEqual([]);
  });

  it('a department without a reporters key keeps its reporters (null), an empty list clears them', () => {
    const dir = parseDirectory('departments:\n  - name: 保护司\n  - name: 商标局\n    reporters: []\n');
    expect(dir.departments.map((d) => d.reporters)).toEqual([null, []]);
    expect(dir.admins).toBeNull();
  });

  it('refuses broken YAML with the line number', () => {
    expect(() => parseDirectory('departments:\n  - name: [保护司\n')).toThrow(expect.objectContaining({ code: 'DIRECTORY_INVALID', message: expect.stringMatching(/第 \d+ 行/) }));
  });

  it('refuses bad ids and unknown fields, naming where', () => {
    const bad = 'admins: [admin1]\nleadership:\n  - { name: 局领导, chat_id: 123 }\ndepartments:\n  - name: 保护司\n    chatid: oc_1\n';
    try {
      parseDirectory(bad);
      expect.unreachable();
    } catch (e) {
      const problems = (e as { details: { problems: string[] } }).details.problems;
      expect(problems).toContain('admins[0]：须为 ou_ 开头的 open_id，或 { open_id, name }、{ email }、{ mobile }（email / mobile 由 duban directory 通过飞书通讯录查找）');
      expect(problems.some((p) => p.startsWith('leadership[0].chat_id'))).toBe(true);
      expect(problems).toContain('departments[0]：未知字段 chatid');
    }
  });

  it('refuses an unknown visibility and a leader that is not an open_id, naming where', () => {
    try {
      parseDirectory('visibility: everyone\nleadership:\n  - { name: 局领导, chat_id: oc_l, leaders: [liu] }\n');
      expect.unreachable();
    } catch (e) {
      const problems = (e as { details: { problems: string[] } }).details.problems;
      expect(problems.some((p) => p.startsWith('visibility：'))).toBe(true);
      expect(problems).toContain('leadership[0].leaders[0]：须为 ou_ 开头的 open_id，或 { open_id, name }、{ email }、{ mobile }（email / mobile 由 duban directory 通过飞书通讯录查找）');
    }
  });

  it('leaves visibility and leaders as they are when the file does not name them', () => {
    const dir = parseDirectory('leadership:\n  - { name: 局领导, chat_id: oc_l }\n');
    expect(dir.visibility).toBeNull();
    expect(dir.leadership[0]!.leaders).toBeNull();
  });
});

describe('department names', () => {
  it('suggests the nearest known names for a typo', () => {
    expect(nearestNames('运用促进', known)[0]).toBe('运用促进司');
    expect(unknownDepartmentMessage('公共服务', known)).toMatch(/^未知部门「公共服务」，您是否指：公共服务司、/);
    expect(nearestNames('专利局审查', known).slice(0, 1)).toEqual(['专利局审查部']);
    expect(nearestNames('运用司', [{ name: '运用促进司', aliases: [] }, { name: '保护司', aliases: [] }, { name: '人事司', aliases: [] }])[0]).toBe('运用促进司');
    expect(nearestNames('自动化', known)[0]).toBe('专利局自动化部');
  });

  it('resolves names and aliases, ignoring spaces', () => {
    expect(resolveDepartment('运用司', known)?.name).toBe('运用促进司');
    expect(resolveDepartment('公共 服务司', known)?.name).toBe('公共服务司');
    expect(resolveDepartment('运用处', known)).toBeNull();
  });

  it('an unknown department in the file is a problem listing the nearest names', () => {
    const dir = parseDirectory('departments:\n  - name: 运用促进处\nindicators:\n  发明专利审查周期: 审查部门\n');
    const problems = checkDirectory(dir, known);
    expect(problems[0]).toMatch(/^未知部门「运用促进处」，您是否指：运用促进司/);
    expect(problems[1]).toMatch(/^指标「发明专利审查周期」的填报部门：未知部门「审查部门」/);
  });

  it('with allowNew the file may introduce departments, but aliases and chats must not collide', () => {
    const dir = parseDirectory(
      'departments:\n  - { name: 新司, aliases: [运用司], chat_id: oc_1 }\n  - { name: 保护司, chat_id: oc_1 }\nleadership:\n  - { name: 局领导, chat_id: oc_1 }\n',
    );
    const problems = checkDirectory(dir, known, { allowNew: true });
    expect(problems).toContain('别名「运用司」已属于「运用促进司」，不能再用于「新司」');
    expect(problems).toContain('群 oc_1 同时绑定了「新司」和「保护司」');
  });
});

describe('chat commands', () => {
  it('parses binding a department, after the bot mention', () => {
    expect(parseDirectoryCommand('@_user_1 绑定 运用促进司')).toEqual({ kind: 'bind_department', department: '运用促进司' });
    expect(parseDirectoryCommand('@_user_1\u3000绑定\u3000运用司 ')).toEqual({ kind: 'bind_department', department: '运用司' });
  });

  it('parses binding a leadership chat', () => {
    expect(parseDirectoryCommand('@_user_1 绑定 领导')).toEqual({ kind: 'bind_leadership' });
    expect(parseDirectoryCommand('绑定 领导群')).toEqual({ kind: 'bind_leadership' });
  });

  it('parses adding reporters with their mention keys', () => {
    expect(parseDirectoryCommand('@_user_1 添加填报人 运用促进司 @_user_2 @_user_3')).toEqual({
      kind: 'add_reporter',
      department: '运用促进司',
      mentionKeys: ['@_user_2', '@_user_3'],
    });
    expect(parseDirectoryCommand('@_user_1 添加填报人 运用促进司@_user_2')).toMatchObject({ department: '运用促进司', mentionKeys: ['@_user_2'] });
  });

  it('answers usage for an incomplete command and ignores other text', () => {
    expect(parseDirectoryCommand('@_user_1 绑定')).toMatchObject({ kind: 'usage' });
    expect(parseDirectoryCommand('@_user_1 添加填报人')).toMatchObject({ kind: 'usage' });
    expect(parseDirectoryCommand('@_user_1 任务5进展？')).toBeNull();
    expect(parseDirectoryCommand('绑定的任务有哪些')).toBeNull();
  });
});
