import { parseArgs } from 'node:util';
import { answerQuestion } from '../usecases/ask.ts';
import type { Command } from './command.ts';
import { withDatabase } from './open.ts';

export const askCommand: Command = {
  name: 'ask',
  help: `用法: duban ask "<问题>" [--card]

按机器人在聊天中的理解回答问题，打印纯文本答案。时间按 DUBAN_TIMEZONE 显示；设置 DUBAN_NOW 时以它为当前时间。
  --card   打印卡片 JSON（Card JSON 2.0），而不是文本

示例:
  duban ask "任务5进展？"
  duban ask 专利导航
  duban ask "保护司的任务"
  duban ask "哪些任务有风险"
  duban ask 谁还没填报
  duban ask 审查周期
  duban ask 本周汇总 --card`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { card: { type: 'boolean', default: false } } });
    const question = positionals.join(' ').trim();
    if (!question) {
      ctx.err('用法: duban ask "<问题>" [--card]');
      return 2;
    }
    // A fresh embedded database is migrated first, so it answers "no plan" instead of failing.
    return withDatabase(ctx, async ({ db, now }) => {
      const r = await answerQuestion(db, question, { now: now(), timezone: ctx.config.timezone, asker: 'operator' });
      ctx.out(values.card ? JSON.stringify(r.card, null, 2) : r.text);
      return 0;
    });
  },
};
