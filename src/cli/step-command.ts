import { runStep, type StepName } from '../usecases/steps.ts';
import type { CliContext } from './command.ts';
import { outboxSender, withSender, type SenderFactory } from './open.ts';

/**
 * Runs one scheduled step now, as `duban round open`, `duban remind`, `duban digest`: the same
 * runStep the schedules worker and the console run; messages go to the outbox.
 */
export async function runStepCommand(step: StepName, ctx: CliContext, openSender: SenderFactory = outboxSender): Promise<number> {
  return withSender(ctx, openSender, async ({ db, send, now }) => {
    const line = await runStep(step, { db, send, now, timezone: ctx.config.timezone, progress: ctx.out, quietHours: ctx.config.calendar.quietHours, results: ctx.config.results });
    ctx.out(line);
    ctx.out('消息已进入发送队列，由运行中的 duban serve / duban worker 按频率限制发出。');
    return 0;
  });
}
