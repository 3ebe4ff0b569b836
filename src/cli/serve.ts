import { parseArgs } from 'node:util';
import { closeOnSignal } from '../app/lifecycle.ts';
import { startApp } from '../main.ts';
import type { Command } from './command.ts';
import { insecureLocalWarning, serveSecurityProblems } from '../config/security.ts';
import { DubanError } from '../errors.ts';

export const serveCommand: Command = {
  name: 'serve',
  help: `用法: duban serve [--no-workers]

启动 HTTP 服务（POST /lark/events、/healthz、/readyz）以及队列处理进程。
LARK_EVENT_MODE=ws 时同时建立飞书长连接（每个应用只运行一个）。
Webhook 模式须设置 LARK_ENCRYPT_KEY 和 LARK_VERIFICATION_TOKEN，连接飞书时不能用示例的 App ID / Secret
（仅本机试用可设 DUBAN_INSECURE_LOCAL=1）。/metrics 在 METRICS_HOST:METRICS_PORT（默认 127.0.0.1:9464）。
需要可用且开启 AOF 持久化的 Redis（REDIS_URL；appendonly yes、maxmemory-policy noeviction，
否则拒绝启动，仅演示与测试可设置 DUBAN_REDIS_VOLATILE_OK=1）；数据库为 DATABASE_URL，未设置时用 DATA_DIR 下的内嵌 PGlite。
收到 SIGTERM / SIGINT（Ctrl+C）后按顺序关闭。

选项:
  --no-workers   只启动 Web 服务，队列由单独的 \`duban worker\` 进程处理

示例:
  npx duban serve
  PORT=8080 npx duban serve --no-workers`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { 'no-workers': { type: 'boolean', default: false } }, strict: true });
    const problems = serveSecurityProblems(ctx.config);
    if (problems.length) throw new DubanError('INSECURE_CONFIG', `拒绝启动，配置不安全：\n${problems.map((p) => `- ${p}`).join('\n')}`);
    const warning = insecureLocalWarning(ctx.config);
    if (warning) ctx.err(warning);
    const app = await startApp(ctx.config, { web: true, workers: !values['no-workers'], progress: ctx.out, requireDurableRedis: true });
    await closeOnSignal(app, () => ctx.out('正在关闭…'));
    ctx.out('已关闭');
    return 0;
  },
};
