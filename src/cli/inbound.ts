import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { migrateDb, openDb } from '../db/client.ts';
import { listDeadLetters, type DeadLetterRow } from '../db/repositories/dead-letters.repository.ts';
import { DubanError } from '../errors.ts';
import { createRedis } from '../queue/connection.ts';
import { INBOUND_JOB_OPTIONS } from '../queue/inbound.ts';
import { QUEUES } from '../queue/names.ts';
import { safeUrl, waitForRedis } from '../queue/redis-health.ts';
import { retryDeadLetters } from '../usecases/inbound/retry-dead-letters.ts';
import type { CliContext, Command } from './command.ts';

const HELP = `用法: duban inbound failed [--all]
      duban inbound retry <编号>… | --all

收到的回复若因重试也无法解决的原因（数据被 Postgres 拒绝、填报轮次已删除等）未能保存，
会被移入死信表 inbound_dead_letters，而不是静默丢弃。

  failed         列出尚未重新处理的死信（--all 连同已重新处理过的一起列出）
  retry <编号>   修复原因后，把这些死信重新放入队列，由运行中的 duban serve / duban worker 处理；
                 再次失败会产生一条新的死信
  retry --all    重新处理全部尚未重新处理的死信

示例:
  npx duban inbound failed
  npx duban inbound retry 12 13
  npx duban inbound retry --all`;

const time = (d: Date | null, tz: string) => (d ? d.toLocaleString('zh-CN', { timeZone: tz, hour12: false }) : '—');
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
const cut = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

function table(rows: DeadLetterRow[], tz: string): string[] {
  const head = ['编号', '事件', '类型', '错误', '时间', '已重试'];
  const body = rows.map((r) => [String(r.id), r.eventId ?? '—', r.kind, cut(`${r.errorCode}：${r.errorMessage}`, 60), time(r.createdAt, tz), time(r.retriedAt, tz)]);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  return [head, ...body].map((cols) => cols.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd());
}

async function withDb<T>(ctx: CliContext, fn: (db: Awaited<ReturnType<typeof openDb>>['db']) => Promise<T>): Promise<T> {
  const handle = await openDb({ databaseUrl: ctx.config.databaseUrl, dataDir: ctx.config.dataDir }).catch((e: Error) => {
    throw new DubanError('DB_UNAVAILABLE', `无法打开数据库：${e.message}`);
  });
  try {
    await migrateDb(handle);
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

export const inboundCommand: Command = {
  name: 'inbound',
  help: HELP,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({ args: rest, options: { all: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    if (sub === 'failed') {
      const rows = await withDb(ctx, (db) => listDeadLetters(db, { includeRetried: values.all }));
      if (rows.length === 0) {
        ctx.out(values.all ? '死信表为空。' : '没有待处理的死信。');
        return 0;
      }
      for (const line of table(rows, ctx.config.timezone)) ctx.out(line);
      ctx.out(`共 ${rows.length} 条。修复原因后执行 duban inbound retry <编号> 或 --all 重新处理。`);
      return 0;
    }
    if (sub === 'retry') {
      const ids = positionals.map(Number);
      if (values.all === ids.length > 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
        ctx.err('请给出死信编号（duban inbound failed 可查看），或使用 --all');
        return 2;
      }
      const redis = createRedis(ctx.config.redisUrl, 'producer');
      redis.on('error', () => {});
      const queue = new Queue(QUEUES.inbound, { connection: redis, prefix: ctx.config.queuePrefix });
      queue.on('error', () => {});
      try {
        await waitForRedis(redis, ctx.config.redisUrl);
        const result = await withDb(ctx, (db) =>
          retryDeadLetters(db, async (job, jobId) => void (await queue.add(job.kind, job, { ...INBOUND_JOB_OPTIONS, jobId })), values.all ? 'all' : ids, new Date()),
        );
        for (const r of result.retried) ctx.out(`已重新放入队列：#${r.id}（${r.kind}，事件 ${r.eventId ?? '—'}）`);
        if (result.missing.length) ctx.err(`没有这些待处理的死信：${result.missing.map((id) => `#${id}`).join('、')}`);
        ctx.out(`共重新放入 ${result.retried.length} 条（${safeUrl(ctx.config.redisUrl)}），由运行中的 duban serve / duban worker 处理。`);
        return result.missing.length ? 1 : 0;
      } finally {
        await queue.close().catch(() => {});
        redis.disconnect();
      }
    }
    ctx.err(sub ? `未知子命令：${sub}（应为 failed 或 retry）` : '缺少子命令：failed 或 retry');
    ctx.out(HELP);
    return 2;
  },
};
