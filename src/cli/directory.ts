import { readBoundedFile } from './bounded-read.ts';
import { parseArgs } from 'node:util';
import { listDepartments } from '../db/repositories/directory.repository.ts';
import { parseDirectoryObject, readDirectoryYaml, withRegionLines } from '../directory/parse.ts';
import { VISIBILITY_LABEL } from '../domain/read-policy.ts';
import { personRefs, substitutePeople } from '../directory/people-refs.ts';
import type { Config } from '../config/schema.ts';
import { createLarkClient } from '../lark/client.ts';
import { openIdsByEmailOrMobile, userName } from '../lark/contact.ts';
import { resolvePeople, type ContactLookup } from '../usecases/resolve-people.ts';
import { DubanError } from '../errors.ts';
import { loadDirectory, type LoadDirectorySummary } from '../usecases/load-directory.ts';
import type { Command } from './command.ts';
import { withDatabase } from './open.ts';

export const directoryCommand: Command = {
  name: 'directory',
  help: `用法: duban directory [文件]      （省略文件时使用 DIRECTORY_FILE）

加载目录 YAML（格式见 docs/operations.md#directory-file 与 directory.example.yaml）：部门的别名和工作群、填报人、
领导群、督办管理员、各指标的填报部门。重复加载即更新：别名和群只增改不删；列出的 reporters
替换该部门现有填报人，列出的 admins 替换现有管理员（不写该字段则保持不变）。
文件中的部门须已由计划导入创建；数据库中还没有任何部门时（尚未导入计划），按文件创建部门。
未知的部门名会报错并给出最接近的名称；文件有任何错误时不写入任何内容。
人员可写 open_id、{ open_id, name }、{ email } 或 { mobile }：邮箱与手机号通过飞书通讯录
（LARK_APP_ID / LARK_APP_SECRET）换成 open_id 并记住，没写 name 的取通讯录中的名字（见 docs/lark-setup.md）。

示例:
  duban directory directory.example.yaml`,
  async run(args, ctx) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const file = positionals[0] ?? ctx.config.directoryFile;
    if (!file || positionals.length > 1) {
      ctx.err('用法: duban directory <文件>（或设置 DIRECTORY_FILE）');
      return 2;
    }
    const text = await readText(file, ctx.config.inputMaxBytes);
    const raw = readDirectoryYaml(text);
    const refs = personRefs(raw);
    // Shape errors first, without touching Lark: email / mobile entries stand in as placeholders.
    parseDirectoryObject(substitutePeople(raw, new Map(refs.map((r) => [r.key, { openId: 'ou_placeholder', name: null }]))).raw);
    return withDatabase(ctx, async ({ db, now }) => {
      let resolved = raw;
      if (refs.length) {
        ctx.out(`正在通过飞书通讯录查找 ${refs.length} 位以邮箱或手机号填写的人员…`);
        const found = await resolvePeople(db, refs, contactLookup(ctx.config), now());
        const { raw: substituted, missing } = substitutePeople(raw, found);
        if (missing.length) {
          const problems = missing.map((m) => `${m.where}：飞书通讯录中找不到 ${m.key.replace(/^email:/, '邮箱 ').replace(/^mobile:/, '手机号 ')}（或此人不在应用可用范围内）`);
          throw new DubanError('DIRECTORY_INVALID', `目录文件有误：${problems.join('；')}`, { details: { problems } });
        }
        resolved = substituted;
      }
      const dir = withRegionLines(parseDirectoryObject(resolved), text);
      ctx.out(`已读取 ${file}：${dir.departments.length} 个部门，${dir.regions.length ? `${dir.regions.length} 个地区，` : ''}${dir.leadership.length} 个领导群，${dir.indicators.length} 项指标`);
      // Before the first plan import there is nothing to check names against: the file creates them.
      const firstLoad = (await listDepartments(db)).length === 0;
      if (firstLoad) ctx.out('数据库中尚无部门（计划未导入），将按文件创建部门');
      const summary = await loadDirectory(db, dir, { now: now(), createMissingDepartments: firstLoad });
      for (const line of summaryLines(summary)) ctx.out(line);
      return 0;
    });
  },
};

async function readText(file: string, maxBytes: number): Promise<string> {
  const codes = { notFound: 'DIRECTORY_FILE_UNREADABLE', unreadable: 'DIRECTORY_FILE_UNREADABLE', notRegular: 'DIRECTORY_FILE_NOT_REGULAR', tooLarge: 'DIRECTORY_FILE_TOO_LARGE' };
  try {
    return (await readBoundedFile(file, maxBytes, codes)).toString('utf8');
  } catch (e) {
    // The directory's messages name the file themselves (import's caller adds it).
    if (e instanceof DubanError) throw new DubanError(e.code, `${file}：${e.message}`);
    throw e;
  }
}

export function summaryLines(s: LoadDirectorySummary): string[] {
  const lines: string[] = [];
  if (s.departmentsCreated.length) lines.push(`新建部门 ${s.departmentsCreated.length} 个：${s.departmentsCreated.join('、')}`);
  if (s.departmentsUpdated.length) lines.push(`更新部门 ${s.departmentsUpdated.length} 个（群或别名）：${s.departmentsUpdated.join('、')}`);
  if (s.regions.created.length) lines.push(`新建地区 ${s.regions.created.length} 个：${s.regions.created.join('、')}`);
  if (s.regions.updated.length) lines.push(`更新地区 ${s.regions.updated.length} 个（群或别名）：${s.regions.updated.join('、')}`);
  for (const r of s.reporters) {
    const parts = [r.added.length ? `新增 ${r.added.join('、')}` : '', r.removed.length ? `移除 ${r.removed.join('、')}` : ''].filter(Boolean);
    lines.push(`填报人 ${r.department}：${parts.join('；')}`);
  }
  if (s.leadership.added.length) lines.push(`新增领导群：${s.leadership.added.join('、')}`);
  if (s.leadership.updated.length) lines.push(`更新领导群：${s.leadership.updated.join('、')}`);
  if (s.visibility) lines.push(`查询权限：${VISIBILITY_LABEL[s.visibility]}`);
  if (s.admins && (s.admins.added.length || s.admins.removed.length)) {
    const parts = [s.admins.added.length ? `新增 ${s.admins.added.join('、')}` : '', s.admins.removed.length ? `移除 ${s.admins.removed.join('、')}` : ''].filter(Boolean);
    lines.push(`管理员：${parts.join('；')}`);
  }
  if (s.indicators.assigned.length) lines.push(`指标填报部门 ${s.indicators.assigned.length} 项：${s.indicators.assigned.map((a) => `${a.indicator}→${a.department}`).join('，')}`);
  if (s.indicators.unmatched.length) lines.push(`注意：当前计划中没有这些指标（导入计划后再加载一次）：${s.indicators.unmatched.join('、')}`);
  if (lines.length === 0) lines.push('没有变化');
  else lines.push('目录已更新');
  return lines;
}

function contactLookup(config: Config): ContactLookup {
  const client = createLarkClient(config.lark);
  return { openIds: (emails, mobiles) => openIdsByEmailOrMobile(client, emails, mobiles), name: (openId) => userName(client, openId) };
}
