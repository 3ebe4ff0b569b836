import { parseArgs } from 'node:util';
import { closeOnSignal } from '../app/lifecycle.ts';
import { startApp } from '../main.ts';
import type { Command } from './command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: '启动 Web 服务与队列处理（start the web server and workers）',
  help: `用法: duban serve [--no-workers]

启动 HTTP 服务（POST /lark/events、/healthz、/readyz、/metrics）以及队列处理进程。
LARK_EVENT_MODE=ws 时同时建立飞书长连接（每个应用只运行一个）。
需要可用的 Redis（REDIS_URL）；数据库为 DATABASE_URL，未设置时用 DATA_DIR 下的内嵌 PGlite。
收到 SIGTERM / SIGINT（Ctrl+C）后按顺序关闭。

选项:
  --no-workers   只启动 Web 服务，队列由单独的 \`duban worker\` 进程处理

示例:
  npx duban serve
  PORT=8080 npx duban serve --no-workers`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { 'no-workers': { type: 'boolean', default: false } }, strict: true });
    const app = await startApp(ctx.config, { web: true, workers: !values['no-workers'], progress: ctx.out });
    await closeOnSignal(app, () => ctx.out('正在关闭…'));
    ctx.out('已关闭');
    return 0;
  },
};
