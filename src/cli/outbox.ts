import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { Queue } from 'bullmq';
import { createRedis } from '../queue/connection.ts';
import { QUEUES } from '../queue/names.ts';
import type { OutboxJobData } from '../queue/outbox.ts';
import { listFailedSends, retryFailedSends } from '../queue/outbox-failures.ts';
import { waitForRedis } from '../queue/redis-health.ts';
import type { CliContext, Command } from './command.ts';

const HELP = `用法: duban outbox failed
      duban outbox retry --all | duban outbox retry <id> [<id>…]

  failed   列出飞书拒收或多次重试仍失败的消息（保留 7 天）：编号、发往的群或人、用途、
           飞书错误码及其含义、处理办法。
  retry    重新发送：--all 全部，或给出 failed 列出的编号。同一条消息沿用原来的 uuid，
           飞书不会重复投递；已发出的不会再发。

先按提示修好原因（例如把机器人拉进群、加入可用范围），再重试。也可以直接重跑那一步
（duban round open / remind / digest）：只有先前失败的消息会再发一次。
只需要 Redis（REDIS_URL），由运行中的 duban serve / duban worker 发出。

示例:
  npx duban outbox failed
  npx duban outbox retry --all`;

async function withOutboxQueue<T>(ctx: CliContext, run: (q: Queue<OutboxJobData>) => Promise<T>): Promise<T> {
  const redis = createRedis(ctx.config.redisUrl, 'producer');
  try {
    await waitForRedis(redis, ctx.config.redisUrl);
    const queue = new Queue<OutboxJobData>(QUEUES.outbox, { connection: redis, prefix: ctx.config.queuePrefix });
    try {
      return await run(queue);
    } finally {
      await queue.close();
    }
  } finally {
    redis.disconnect();
  }
}

export const outboxCommand: Command = {
  name: 'outbox',
  help: HELP,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({ args, options: { all: { type: 'boolean' } }, allowPositionals: true, strict: true });
    const [sub, ...ids] = positionals;
    if (sub === 'failed') {
      if (ids.length || values.all) return usageError(ctx, 'failed 不带参数');
      const failed = await withOutboxQueue(ctx, (q) => listFailedSends(q));
      if (!failed.length) {
        ctx.out('没有发送失败的消息。');
        return 0;
      }
      ctx.out(`发送失败 ${failed.length} 条：`);
      for (const f of failed) {
        const at = f.failedAt ? DateTime.fromJSDate(f.failedAt, { zone: ctx.config.timezone }).toFormat('MM-dd HH:mm') : '';
        ctx.out(`- ${f.id}  ${at}  ${f.purpose}  → ${f.target ?? '（无目标）'}`);
        ctx.out(`    ${f.code !== undefined ? `错误码 ${f.code}：` : ''}${f.meaning}。处理：${f.fix}`);
      }
      ctx.out('修好后运行：duban outbox retry --all（或 duban outbox retry <编号>）');
      return 0;
    }
    if (sub === 'retry') {
      if (Boolean(values.all) === ids.length > 0) return usageError(ctx, 'retry 需要 --all 或至少一个编号（二选一）');
      const { retried, missing } = await withOutboxQueue(ctx, (q) => retryFailedSends(q, values.all ? 'all' : ids));
      for (const id of missing) ctx.err(`未找到失败的消息：${id}`);
      ctx.out(`已重新排队 ${retried.length} 条，由运行中的 duban serve / duban worker 发出。`);
      return missing.length ? 1 : 0;
    }
    return usageError(ctx, sub ? `未知子命令：${sub}（应为 failed 或 retry）` : '缺少子命令：failed 或 retry');
  },
};

function usageError(ctx: CliContext, message: string): number {
  ctx.err(message);
  ctx.out(HELP);
  return 2;
}
