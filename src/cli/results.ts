import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../usecases/ask.ts';
import { latestResultFiles } from '../usecases/results/files-out.ts';
import type { Command } from './command.ts';
import { withDatabase } from './open.ts';
import { runStepCommand } from './step-command.ts';

const USAGE = 'duban results cards | remind | status | files --out <目录>';

export const resultsCommand: Command = {
  name: 'results',
  help: `用法: ${USAGE}

成效报送：各单位（部门和地区）在计划的报送截止日（样例为 2021-12-15）前向运用促进司报送成效，
纸质版和电子版各一份。电子版由单位填报人把文件发给督办（在本单位群里或私聊），督办下载并保存。

  cards    向每个单位发送成效报送卡片（截止日、倒计时、如何发送电子版、「纸质版已寄出」按钮）。
           自截止日前 RESULTS_LEAD_DAYS 天（默认 30）起才发送；每个单位只发一次，重复运行不重复发送。
           定时任务 RESULTS_CRON 每天运行它。
  remind   向尚未报送电子版的单位再次发送卡片（催办），已报送的单位不打扰；同一天只催一次。
           定时任务 RESULTS_REMIND_CRON 运行它。
  status   打印成效报送情况：谁在何时报送了什么、谁确认了纸质版、谁还没有报送。
  files    --out <目录>：把每个单位最新的电子版写入该目录（文件名：单位名_原文件名），并打印 SHA-256。

消息进入发送队列，由运行中的 duban serve 或 duban worker 发出。时钟可用 DUBAN_NOW 指定，
例如 DUBAN_NOW=2021-11-20T09:00:00+08:00 duban results cards。`,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'cards' || sub === 'remind') {
      if (rest.length) {
        ctx.err(`多余的参数：${rest.join(' ')}`);
        return 2;
      }
      return runStepCommand(sub === 'cards' ? 'results_cards' : 'results_remind', ctx);
    }
    if (sub === 'status') {
      return withDatabase(ctx, async ({ db, now }) => {
        ctx.out((await answerQuestion(db, '成效报送情况', { now: now(), timezone: ctx.config.timezone, asker: 'operator' })).text);
        return 0;
      });
    }
    if (sub === 'files') {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      if (!values.out) {
        ctx.err('缺少 --out <目录>');
        return 2;
      }
      const dir = values.out;
      return withDatabase(ctx, async ({ db }) => {
        const files = await latestResultFiles(db);
        await mkdir(dir, { recursive: true });
        for (const f of files) {
          await writeFile(path.join(dir, f.diskName), f.bytes);
          ctx.out(`${f.diskName}  ${f.bytes.length} 字节  sha256 ${f.sha256}`);
        }
        ctx.out(files.length ? `已写出 ${files.length} 个单位的电子版到 ${dir}` : '还没有单位报送电子版');
        return 0;
      });
    }
    ctx.err(sub ? `未知子命令：${sub}（应为 cards、remind、status 或 files）` : '缺少子命令：cards、remind、status 或 files');
    ctx.out(resultsCommand.help);
    return 2;
  },
};
