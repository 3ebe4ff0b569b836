import { parseArgs } from 'node:util';
import { closeOnSignal } from '../app/lifecycle.ts';
import { startApp } from '../main.ts';
import type { Command } from './command.ts';

export const workerCommand: Command = {
  name: 'worker',
  help: `用法: duban worker

只启动队列处理（不开公共 HTTP 端口；/metrics 在 METRICS_HOST:METRICS_PORT，默认 127.0.0.1:9464），与 \`duban serve --no-workers\` 搭配，可在多台机器上各跑一个。
需要可用且开启 AOF 持久化的 Redis（REDIS_URL；appendonly yes、maxmemory-policy noeviction，
否则拒绝启动，仅演示与测试可设置 DUBAN_REDIS_VOLATILE_OK=1）和数据库（DATABASE_URL，未设置时用内嵌 PGlite）。
收到 SIGTERM / SIGINT 后先处理完手上的任务再退出。

示例:
  npx duban worker`,
  async run(args, ctx) {
    parseArgs({ args, options: {}, strict: true });
    const app = await startApp(ctx.config, { web: false, workers: true, progress: ctx.out, requireDurableRedis: true });
    await closeOnSignal(app, () => ctx.out('正在关闭…'));
    ctx.out('已关闭');
    return 0;
  },
};
