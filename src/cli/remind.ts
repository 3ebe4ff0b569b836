import type { Command } from './command.ts';
import { runStepCommand } from './step-command.ts';

export const remindCommand: Command = {
  name: 'remind',
  help: `用法: duban remind

向本周尚有任务未填报的部门群发送催办，列出未填报的任务；本轮第二次起 @ 该部门填报人。
已全部填报的部门不会收到消息。消息由运行中的 duban serve 或 duban worker 发出。`,
  async run(args, ctx) {
    if (args.length) {
      ctx.err(`多余的参数：${args.join(' ')}`);
      return 2;
    }
    return runStepCommand('remind', ctx);
  },
};
