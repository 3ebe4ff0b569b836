import { parseArgs } from 'node:util';
import { composeDigest } from '../usecases/digest.ts';
import type { Command } from './command.ts';
import { outboxSender, withDatabase, type SenderFactory } from './open.ts';
import { runStepCommand } from './step-command.ts';

export function makeDigestCommand(opts: { openSender: SenderFactory } = { openSender: outboxSender }): Command {
  return {
    name: 'digest',
    help: `用法: duban digest [--dry-run]

生成本周（DUBAN_TIMEZONE 时区的 ISO 周）督办汇总卡片并发送到所有领导群。同一周只发送一次：
再次运行不会重复发送。
  --dry-run   只打印卡片 JSON，不写数据库、不发送

示例:
  duban digest --dry-run > digest.json
  duban digest`,
    async run(args, ctx) {
      const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false } }, strict: true });
      // The same step as the schedule and the console (src/usecases/steps.ts); a dry run only composes.
      if (!values['dry-run']) return runStepCommand('digest', ctx, opts.openSender);
      return withDatabase(ctx, async ({ db, now }) => {
        const d = await composeDigest(db, { now: now(), timezone: ctx.config.timezone });
        ctx.out(JSON.stringify(d.card, null, 2));
        ctx.err(`试运行：${d.weekKey} 的汇总卡片（未保存、未发送）`);
        return 0;
      });
    },
  };
}

export const digestCommand = makeDigestCommand();
