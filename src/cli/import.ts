import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DubanError, isDubanError } from '../errors.ts';
import { readBoundedFile } from './bounded-read.ts';
import { parsePlan } from '../plan/parse.ts';
import { importPlan } from '../usecases/import-plan.ts';
import type { CliContext, Command } from './command.ts';
import { planContract, planTable, summaryLines } from './import-output.ts';
import { withDatabase } from './open.ts';

export const importCommand: Command = {
  name: 'import',
  help: `用法: duban import <文件> [--dry-run] [--json]

解析工作计划文件（如 samples/cnipa-2021.txt）：附件任务清单表格，或正文中“（××负责）”形式的任务。
  --dry-run  只解析、不写数据库，打印一张便于核对的任务表（编号、完成时间、责任部门、任务）
  --json     打印解析结果（格式见 docs/operations.md#plan-json）；与 --dry-run 同用时只打印 JSON
不带参数时写入数据库（DATABASE_URL，未设置时用 DATA_DIR 下的 PGlite），并列出新增、变更、移除的任务。
同一文件重复导入不会改动任何数据；修改后的文件只更新有变化的任务，已有的填报记录保留。

示例:
  duban import samples/cnipa-2021.txt --dry-run
  duban import samples/cnipa-2021.txt --dry-run --json
  duban import samples/cnipa-2021.txt`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      ctx.err('用法: duban import <文件> [--dry-run] [--json]');
      return 2;
    }
    try {
      return await run(file, { dryRun: values['dry-run'] === true, json: values.json === true }, ctx);
    } catch (e) {
      if (!isDubanError(e) || !e.code.startsWith('PLAN_')) throw e;
      const line = typeof e.details?.line === 'number' ? `:${e.details.line}` : '';
      ctx.err(`错误 [${e.code}]：${file}${line} ${e.message}`);
      return 1;
    }
  },
};

async function run(file: string, flags: { dryRun: boolean; json: boolean }, ctx: CliContext): Promise<number> {
  // With --json, stdout carries only the JSON object; progress goes to stderr.
  const progress = flags.json ? ctx.err : ctx.out;
  const bytes = await readPlanFile(file, ctx.config.inputMaxBytes);
  const plan = parsePlan(decode(bytes), { fileName: file });
  if (flags.dryRun) {
    if (flags.json) ctx.out(JSON.stringify(planContract(plan), null, 2));
    else for (const line of planTable(plan)) ctx.out(line);
    return 0;
  }
  progress(`已解析《${plan.title}》：${plan.tasks.length} 项任务，${plan.indicators.length} 项指标`);
  progress(`正在写入数据库（${ctx.config.databaseUrl ? 'Postgres' : `PGlite: ${ctx.config.dataDir}`}）…`);
  await withDatabase(ctx, async ({ db, now }) => {
    const sourceHash = createHash('sha256').update(bytes).digest('hex');
    const summary = await importPlan(db, plan, { now, sourceHash });
    for (const line of summaryLines(summary)) progress(line);
  });
  if (flags.json) ctx.out(JSON.stringify(planContract(plan), null, 2));
  return 0;
}

function readPlanFile(file: string, maxBytes: number): Promise<Buffer> {
  return readBoundedFile(file, maxBytes, { notFound: 'PLAN_FILE_NOT_FOUND', unreadable: 'PLAN_FILE_UNREADABLE', notRegular: 'PLAN_FILE_NOT_REGULAR', tooLarge: 'PLAN_FILE_TOO_LARGE' });
}

/** UTF-8 text or nothing: a NUL byte or an invalid sequence means a binary (or non-UTF-8) file. */
function decode(bytes: Buffer): string {
  if (bytes.includes(0)) throw new DubanError('PLAN_BINARY', '不是文本文件（含有二进制内容）');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DubanError('PLAN_BINARY', '不是 UTF-8 编码的文本文件');
  }
}
