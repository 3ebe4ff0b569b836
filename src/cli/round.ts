import type { Command } from './command.ts';
import { runStepCommand } from './step-command.ts';

export const roundCommand: Command = {
  name: 'round',
  help: `用法: duban round open | duban round close | duban round reopen

  open    开启本周（DUBAN_TIMEZONE 时区的 ISO 周）填报，向每个已绑定群的部门发送本周任务卡片。
          重复开启不会重复发送。
  close   关闭本周填报；此后的提交仍会保存，并标记为逾期补报。
  reopen  重新开启已关闭的本周填报；本周内的提交不再标记为逾期。
          （关闭后再运行 open 不会重新开启，只会提示用 reopen。）

时钟可用 DUBAN_NOW 指定（例如 DUBAN_NOW=2021-06-07T09:00:00+08:00）。
卡片进入发送队列，由运行中的 duban serve 或 duban worker 发出。`,
  async run(args, ctx) {
    const sub = args[0];
    if (sub === 'open') return runStepCommand('open_round', ctx);
    if (sub === 'close') return runStepCommand('close_round', ctx);
    if (sub === 'reopen') return runStepCommand('reopen_round', ctx);
    ctx.err(sub ? `未知子命令：${sub}（应为 open、close 或 reopen）` : '缺少子命令：open、close 或 reopen');
    ctx.out(roundCommand.help);
    return 2;
  },
};
