import { parseArgs } from 'node:util';
import { DubanError } from '../errors.ts';
import { startFakeLark, type FakeLark } from '../simulator/index.ts';
import type { CliContext, Command } from './command.ts';

/** Starts the fake Lark with the app id/secret from config, so a bot using the same config can log in. */
export async function startSimulatorFromArgs(args: string[], ctx: CliContext): Promise<FakeLark> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string', default: '3100' }, host: { type: 'string', default: '127.0.0.1' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DubanError('CLI_BAD_ARGUMENT', `端口无效：${values.port}`);
  const fake = await startFakeLark({
    port,
    host: values.host,
    appId: ctx.config.lark.appId,
    appSecret: ctx.config.lark.appSecret,
    onUnknown: (call) => ctx.err(`模拟器不支持的接口：${call.method} ${call.path}`),
  });
  ctx.out(`模拟飞书开放平台已启动：${fake.url}`);
  ctx.out(`让 duban 连接它：LARK_DOMAIN=${fake.url}（应用 ${ctx.config.lark.appId}，密钥取自 LARK_APP_SECRET）`);
  ctx.out('未实现的接口一律返回 404 并记录；按 Ctrl+C 停止。');
  return fake;
}

const untilSignal = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

export const simulatorCommand: Command = {
  name: 'simulator',
  help: `用法: duban simulator [--port 3100] [--host 127.0.0.1]

在本机启动一个模拟的飞书开放平台：租户令牌、发消息（uuid 一小时去重）、回复、更新卡片、
上传图片、群列表与成员、用户信息、延时更新卡片。按文档限流（每应用 50 次/秒，每群 5 次/秒）。
应用 ID 与密钥取自 LARK_APP_ID / LARK_APP_SECRET，把 duban 的 LARK_DOMAIN 设为打印出的地址即可。

选项:
  --port <n>     监听端口，0 表示随机（默认 3100）
  --host <addr>  监听地址（默认 127.0.0.1）

示例:
  npx duban simulator
  LARK_DOMAIN=http://127.0.0.1:3100 npx duban serve`,
  async run(args, ctx) {
    const fake = await startSimulatorFromArgs(args, ctx);
    await untilSignal();
    ctx.out('正在关闭模拟器…');
    await fake.stop();
    return 0;
  },
};
