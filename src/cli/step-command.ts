import { migrateDb, openDb } from '../db/client.ts';
import { clockFromConfig } from '../main.ts';
import type { ScheduledStep } from '../queue/schedules.ts';
import { runStep } from '../usecases/steps.ts';
import type { CliContext } from './command.ts';
import { openOutboxSender } from './outbox-sender.ts';

/** Runs one scheduled step now, as `duban round open` etc.; messages go to the outbox. */
export async function runStepCommand(step: ScheduledStep, ctx: CliContext): Promise<number> {
  const handle = await openDb({ databaseUrl: ctx.config.databaseUrl, dataDir: ctx.config.dataDir });
  try {
    await migrateDb(handle);
    const sender = await openOutboxSender(ctx.config);
    try {
      const line = await runStep(step, { db: handle.db, send: sender.send, now: clockFromConfig(ctx.config), timezone: ctx.config.timezone, progress: ctx.out });
      ctx.out(line);
      ctx.out('消息已进入发送队列，由运行中的 duban serve / duban worker 按频率限制发出。');
      return 0;
    } finally {
      await sender.close();
    }
  } finally {
    await handle.close();
  }
}
