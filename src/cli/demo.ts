import { createServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { parseDirectory } from '../directory/parse.ts';
import { DubanError } from '../errors.ts';
import { createLogger } from '../logging.ts';
import { clockFromConfig } from '../app/clock.ts';
import { closeOnSignal } from '../app/lifecycle.ts';
import { startApp, type App } from '../main.ts';
import { consolePeople, consoleUrl, mountConsole, type ConsoleStep } from '../simulator/console/index.ts';
import { BOT_MENU_ITEMS } from '../domain/operations.ts';
import { loadFakeState, persistFakeState } from '../simulator/console/persist.ts';
import { startFakeLark, type FakeLark } from '../simulator/index.ts';
import { seedFakeFromDirectory } from '../simulator/seed-directory.ts';
import { bootstrapFromFiles } from '../usecases/bootstrap.ts';
import { runStep } from '../usecases/steps.ts';
import { safeUrl } from '../queue/redis-health.ts';
import { demoRedis } from './demo-redis.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import type { Command } from './command.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_PLAN = join(ROOT, 'samples/cnipa-2021.txt');
export const DEMO_DIRECTORY = join(ROOT, 'directory.example.yaml');
export const DEMO_NOW = '2021-06-07T09:30:00+08:00';
export const DEMO_BOT = { openId: 'ou_duban_bot', name: '督办' } as const;
// The demo's own callback secrets: the console signs with them, duban checks them.
const DEMO_KEYS = { encryptKey: 'duban-demo-encrypt-key', verificationToken: 'duban-demo-verification-token' };

export interface DemoOptions {
  /** Fake Lark port; 0 = any free port. */
  larkPort: number;
  host?: string;
  progress?: (line: string) => void;
  logger?: Logger;
  /** Cron schedulers (default true; tests switch them off). */
  schedules?: boolean;
  /** Where the fake Lark keeps its chats between runs (default: none). */
  stateFile?: string;
  directoryFile?: string;
  /** Run open_round at start, so cards are waiting (default true). */
  openRound?: boolean;
  /** Where the demo's clock starts when neither --now / DUBAN_NOW nor the database has one (default DEMO_NOW). */
  defaultNow?: string;
}

export interface Demo {
  fake: FakeLark;
  app: App;
  consoleUrl: string;
  /** What open_round said at start. */
  opened?: string;
  close(): Promise<void>;
}

/**
 * Everything the demo runs, on a given config: the fake Lark with its console (seeded from the
 * directory), duban pointed at it, the seed plan and directory imported, a round opened.
 */
export async function startDemo(base: Config, opts: DemoOptions): Promise<Demo> {
  const progress = opts.progress ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const directory = parseDirectory(await readFile(opts.directoryFile ?? DEMO_DIRECTORY, 'utf8'));
  let app: App | undefined;
  let webhook: string | undefined;
  const steps = (step: ConsoleStep) => {
    if (!app) throw new DubanError('DEMO_NOT_READY', 'duban 尚未启动');
    const a = app;
    return runStep(step, { db: a.db.db, send: (op, meta) => a.outbox.enqueue(op, meta), now: a.now, timezone: base.timezone, quietHours: base.calendar.quietHours, results: base.results });
  };

  progress('正在启动模拟飞书开放平台与控制台…');
  // Messages in the fake are stamped on duban's business clock (the database's, once duban has
  // opened it), so chats read in the plan year.
  const early = clockFromConfig({ now: base.now ?? opts.defaultNow ?? DEMO_NOW });
  const now = () => (app ? app.now() : early());
  const fake = await startFakeLark({
    port: opts.larkPort,
    host,
    appId: base.lark.appId,
    appSecret: base.lark.appSecret,
    now,
    mount: (f) => {
      if (opts.stateFile) loadFakeState(f, opts.stateFile);
      mountConsole(f, { ...DEMO_KEYS, webhookUrl: () => webhook, appId: base.lark.appId, botOpenId: DEMO_BOT.openId, botName: DEMO_BOT.name, people: consolePeople(directory), steps, menu: BOT_MENU_ITEMS, now });
    },
  });
  seedFakeFromDirectory(fake, directory, DEMO_BOT);
  const saver = opts.stateFile ? persistFakeState(fake, opts.stateFile) : null;
  const stopFake = async () => {
    saver?.stop();
    await saver?.flush().catch(() => {});
    await fake.stop();
  };

  // Local only: bound to 127.0.0.1 with demo keys against the fake Lark (DUBAN_INSECURE_LOCAL).
  const metrics = { host: '127.0.0.1', port: await freePortOr(base.metrics.port, '127.0.0.1') };
  const config: Config = { ...base, host, insecureLocal: true, metrics, lark: { ...base.lark, ...DEMO_KEYS, domain: fake.url, eventMode: 'webhook' } };
  try {
    // The demo's clock is stored in its database: every CLI command on ./data and the next demo
    // run continue on it (src/app/clock.ts).
    const clock = { fallback: opts.defaultNow ?? DEMO_NOW, store: true };
    app = await startApp(config, { web: true, workers: true, progress, logger: opts.logger, schedules: opts.schedules, clock });
  } catch (e) {
    await stopFake();
    throw e;
  }
  webhook = `${app.url!.replace('0.0.0.0', '127.0.0.1')}/lark/events`;
  const close = async () => {
    await app?.close();
    await stopFake();
  };
  try {
    progress(`正在导入种子计划与目录（${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}）…`);
    const { directory: dir } = await bootstrapFromFiles(app.db.db, { plan: DEMO_PLAN, directory: opts.directoryFile ?? DEMO_DIRECTORY }, app.now());
    progress(`已载入 ${dir.departments.length} 个部门、${dir.leadership.length} 个领导群`);
    const opened = opts.openRound === false ? undefined : await steps('open_round');
    if (opened) progress(opened);
    return { fake, app, consoleUrl: consoleUrl(fake), opened, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The port if it is free on host, else 0 (any free port). */
export function freePortOr(port: number, host: string): Promise<number> {
  if (port === 0) return Promise.resolve(0);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(0));
    probe.listen(port, host, () => probe.close(() => resolve(port)));
  });
}

function portArg(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new DubanError('CLI_BAD_ARGUMENT', `${flag} 端口无效：${value}`);
  return n;
}

export const demoCommand: Command = {
  name: 'demo',
  help: `用法: duban demo [--port 3000] [--lark-port 3100] [--now <时间>]

不需要飞书租户即可体验 duban：
  - 数据库：未设置 DATABASE_URL 时使用 ./data 下的内嵌 PGlite（再次运行沿用已有数据）；
  - Redis：REDIS_URL（默认 redis://127.0.0.1:6379）上没有 Redis 时，若本机装有 redis-server，
    演示会在空闲端口启动一个私有的（追加写文件在 ./data/redis），随演示停止；否则提示如何安装；
  - 启动模拟飞书开放平台与网页控制台，导入 samples/cnipa-2021.txt 与 directory.example.yaml，
    把时钟设在计划年度内（首次默认 ${DEMO_NOW}），并开启本周填报——控制台里已有卡片等待填报。
  - 演示时钟存于数据库并持续走动：再次运行演示、以及对同一数据库运行的命令（如 duban ask、
    duban digest）都沿用它；--now 或 DUBAN_NOW 会把它重设到指定时间。
按 Ctrl+C 停止。

选项:
  --port <n>        duban 的端口（默认 PORT 或 3000，被占用时自动换一个）
  --lark-port <n>   模拟飞书与控制台的端口（默认 3100，被占用时自动换一个）
  --redis-server <命令>  没有 Redis 时用来启动私有 Redis 的程序（默认 redis-server）
  --now <时间>      重设演示时钟（ISO 时间；默认沿用数据库中的时钟，新数据库从 ${DEMO_NOW} 起）

示例:
  npm run demo
  npx duban demo --lark-port 3200 --now 2021-09-06T09:00:00+08:00`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { port: { type: 'string' }, 'lark-port': { type: 'string' }, now: { type: 'string' }, 'redis-server': { type: 'string' } },
      strict: true,
    });
    // --now / DUBAN_NOW reset the demo's clock; without them it continues the clock stored in the
    // database, or starts at DEMO_NOW on a fresh one.
    const now = values.now ?? ctx.config.now;
    if (now !== undefined && Number.isNaN(Date.parse(now))) throw new DubanError('CLI_BAD_ARGUMENT', `--now 不是有效时间：${now}`);
    const host = '127.0.0.1';
    const wantedPort = portArg(values.port, ctx.config.port, '--port');
    const wantedLarkPort = portArg(values['lark-port'], 3100, '--lark-port');
    const port = await freePortOr(wantedPort, host);
    const larkPort = await freePortOr(wantedLarkPort, host);
    // The demo keeps its queues apart from a real duban on the same Redis, unless told otherwise.
    const queuePrefix = ctx.config.queuePrefix === 'duban' ? 'duban-demo' : ctx.config.queuePrefix;
    const redis = await demoRedis(ctx.config.redisUrl, ctx.config.dataDir, values['redis-server']);
    if (redis.started) ctx.out(`${safeUrl(ctx.config.redisUrl)} 上没有 Redis：已启动演示专用的 redis-server（${redis.url}，数据在 ${join(ctx.config.dataDir, 'redis')}），随演示一起停止。`);
    const config: Config = { ...ctx.config, port, now, queuePrefix, redisUrl: redis.url };
    // Logs stay quiet unless asked for: the demo's output is its progress lines.
    const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
    const demo = await startDemo(config, {
      larkPort,
      host,
      progress: ctx.out,
      logger,
      stateFile: join(config.dataDir, 'fake-lark.json'),
      directoryFile: config.directoryFile,
    }).catch(async (e: unknown) => {
      await redis.stop();
      throw e;
    });
    const moved = [
      port !== wantedPort ? `duban 端口 ${wantedPort} 已被占用，改用 ${new URL(demo.app.url!).port}` : null,
      larkPort !== wantedLarkPort ? `控制台端口 ${wantedLarkPort} 已被占用，改用 ${new URL(demo.consoleUrl).port}` : null,
    ].filter(Boolean);
    if (moved.length) ctx.out(`注意：${moved.join('；')}（可用 --port / --lark-port 指定）。`);
    ctx.out('');
    ctx.out(`duban：${demo.app.url}（演示时钟 ${formatLocalTime(demo.app.now(), config.timezone)}，存于数据库，命令行与下次演示沿用）；数据在 ${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}，再次运行沿用。`);
    ctx.out('在浏览器中打开控制台，选择“我是…”，在部门工作群里填报任务，或私聊督办“任务7”；上方按钮可开启/催办/关闭/重新开启/发送周汇总。按 Ctrl+C 停止。');
    if (!config.databaseUrl) {
      // PGlite has one writer (src/db/pglite-lock.ts): CLI commands cannot open ./data while the demo runs.
      ctx.out(`演示运行期间内嵌数据库（${config.dataDir}）只归它使用：开启/催办/汇总请用控制台上方按钮；要同时在终端运行 duban 命令，请先停止演示，或设置 DATABASE_URL 使用 Postgres 再运行 npx duban demo。`);
    }
    // Last, so it is the line people see (and the README promises).
    ctx.out(`控制台：${demo.consoleUrl}`);
    const closeAll = async () => {
      await demo.close();
      await redis.stop();
    };
    await closeOnSignal({ ...demo.app, close: closeAll }, () => {
      ctx.out('正在关闭…');
      // Workers finish their active jobs first; say how to stop at once if one hangs.
      setTimeout(() => ctx.out('仍有任务在处理；再按一次 Ctrl+C 立即退出。'), 8000).unref();
    });
    ctx.out('已关闭');
    return 0;
  },
};
