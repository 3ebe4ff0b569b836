import { parseArgs } from 'node:util';
import type { Config } from '../config/schema.ts';
import { openDb } from '../db/client.ts';
import { composeDigest, sendDigest, type DigestEnqueue } from '../usecases/digest.ts';
import type { Command } from './command.ts';
import { openOutboxSender } from './outbox-sender.ts';

/** How the command reaches the outbox; the composition root provides it. */
export type DigestSenderFactory = (config: Config) => Promise<{ enqueue: DigestEnqueue; close(): Promise<void> }>;

export function makeDigestCommand(opts: { openSender: DigestSenderFactory } = { openSender: outboxDigestSender }): Command {
  return {
    name: 'digest',
    summary: '立即生成并发送本周督办汇总（weekly digest）',
    help: `用法: duban digest [--dry-run]

生成本周（DUBAN_TIMEZONE 时区的 ISO 周）督办汇总卡片并发送到所有领导群。同一周只发送一次：
再次运行不会重复发送。
  --dry-run   只打印卡片 JSON，不写数据库、不发送

示例:
  duban digest --dry-run > digest.json
  duban digest`,
    async run(args, ctx) {
      const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false } }, strict: true });
      const now = ctx.config.now ? new Date(ctx.config.now) : new Date();
      const timezone = ctx.config.timezone;
      const handle = await openDb({ databaseUrl: ctx.config.databaseUrl, dataDir: ctx.config.dataDir });
      try {
        if (values['dry-run']) {
          const d = await composeDigest(handle.db, { now, timezone });
          ctx.out(JSON.stringify(d.card, null, 2));
          ctx.err(`试运行：${d.weekKey} 的汇总卡片（未保存、未发送）`);
          return 0;
        }
        const sender = await opts.openSender(ctx.config);
        try {
          const r = await sendDigest({ db: handle.db, enqueue: sender.enqueue }, { now, timezone });
          if (r.enqueued.length) ctx.out(`已提交本周汇总（${r.weekKey}）到 ${r.enqueued.length} 个领导群：${r.enqueued.join('、')}`);
          else if (r.stored) ctx.out(`已生成本周汇总（${r.weekKey}），但没有登记领导群（directory 文件的 leadership）`);
          else ctx.out(`本周汇总（${r.weekKey}）已发送过，不重复发送`);
          return 0;
        } finally {
          await sender.close();
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/** The real sender: the outbox of the running duban serve / worker. */
async function outboxDigestSender(config: Config): Promise<{ enqueue: DigestEnqueue; close(): Promise<void> }> {
  const sender = await openOutboxSender(config);
  return { enqueue: (chatId, card, meta) => sender.send({ kind: 'send', to: { chatId }, content: { card } }, meta), close: sender.close };
}

export const digestCommand = makeDigestCommand();
