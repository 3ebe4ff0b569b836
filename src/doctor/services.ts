import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';
import { openDatabase } from '../app/database.ts';
import type { Config } from '../config/schema.ts';
import type { DbHandle } from '../db/client.ts';
import { cronInWords } from '../domain/cron-words.ts';
import { createRedis } from '../queue/connection.ts';
import { persistenceMode, persistenceProblem, readRedisPersistence } from '../queue/redis-durability.ts';
import { safeUrl, waitForRedis } from '../queue/redis-health.ts';
import { fail, ok, warn, type Check } from './check.ts';

const DEFAULT_APP_ID = 'cli_a000000000000000';
const DEFAULT_SECRET = 'local-secret';

export function configChecks(config: Config): Check[] {
  const checks: Check[] = [];
  const l = config.lark;
  if (l.appId === DEFAULT_APP_ID || l.appSecret === DEFAULT_SECRET) {
    checks.push(fail('飞书应用凭证', '未设置 LARK_APP_ID / LARK_APP_SECRET（仍是示例值）', '在开发者后台「凭证与基础信息」复制 App ID 和 App Secret，写入 .env（见 docs/lark-setup.md）'));
  } else {
    checks.push(ok('飞书应用凭证', `LARK_APP_ID=${l.appId}，LARK_DOMAIN=${l.domain}`));
  }
  if (l.eventMode === 'webhook' && (!l.encryptKey || !l.verificationToken)) {
    const missing = [!l.encryptKey && 'LARK_ENCRYPT_KEY', !l.verificationToken && 'LARK_VERIFICATION_TOKEN'].filter(Boolean).join('、');
    checks.push(fail('回调校验', `未设置 ${missing}，任何人都能伪造回调`, '在开发者后台「事件与回调 → 加密策略」生成 Encrypt Key 与 Verification Token，写入 .env'));
  } else {
    checks.push(ok('回调校验', l.eventMode === 'ws' ? '长连接模式（LARK_EVENT_MODE=ws），无需公网回调地址' : '已设置 Encrypt Key 与 Verification Token'));
  }
  return checks;
}

/** The database opens and is migrated; the handle is returned for the directory checks. */
export async function databaseCheck(config: Config): Promise<{ check: Check; handle?: DbHandle }> {
  const what = config.databaseUrl ? `Postgres（${safeUrl(config.databaseUrl)}）` : `内嵌 PGlite（${config.dataDir}）`;
  try {
    const handle = await openDatabase(config);
    await handle.ping();
    const note = config.databaseUrl ? '' : '；仅适合单机试用，正式部署请设置 DATABASE_URL';
    return { check: (config.databaseUrl ? ok : (t: string, d: string) => warn(t, d, '设置 DATABASE_URL 指向 Postgres（见 docs/deployment.md）'))('数据库', `${what} 可用，迁移已是最新${note}`), handle };
  } catch (e) {
    return { check: fail('数据库', `${what} 无法打开：${(e as Error).message}`, config.databaseUrl ? '检查 DATABASE_URL 与 Postgres 是否在运行' : '停止占用 ./data 的进程，或设置 DATABASE_URL') };
  }
}

/** Redis answers, and keeps what it acknowledged (AOF on, no eviction): the check `serve` makes at start. */
export async function redisCheck(config: Config): Promise<Check> {
  const redis = createRedis(config.redisUrl, 'producer');
  redis.on('error', () => {});
  try {
    await waitForRedis(redis, config.redisUrl, 3000);
    const persistence = await readRedisPersistence(redis);
    const problem = persistenceProblem(persistence);
    const where = safeUrl(config.redisUrl);
    if (!problem) return ok('Redis 持久化', `${where} 持久化方式 ${persistenceMode(persistence)}，maxmemory-policy ${persistence.maxmemoryPolicy ?? 'noeviction'}`);
    // With the opt-out, serve starts anyway: worth fixing, not blocking.
    return (config.redisVolatileOk ? warn : fail)('Redis 持久化', `${where}：${problem}`, '在 redis.conf 设置 appendonly yes 与 maxmemory-policy noeviction（compose.yaml 已这样启动 Redis）');
  } catch (e) {
    return fail('Redis', (e as Error).message, '启动 Redis（redis-server --appendonly yes），或把 REDIS_URL 指向可用的 Redis');
  } finally {
    redis.disconnect();
  }
}

const STEP_NAMES = [
  ['round', '开启填报', 'ROUND_CRON'],
  ['remind', '催办', 'REMIND_CRON'],
  ['close', '关闭填报', 'CLOSE_CRON'],
  ['digest', '发送周汇总', 'DIGEST_CRON'],
  ['results', '成效报送卡片', 'RESULTS_CRON'],
  ['resultsRemind', '成效报送催办', 'RESULTS_REMIND_CRON'],
] as const;

/** The schedules in words with their next run, in the configured time zone. */
export function scheduleLines(config: Config, now: Date): string[] {
  return STEP_NAMES.map(([key, name, env]) => {
    const pattern = config.cron[key];
    const next = CronExpressionParser.parse(pattern, { tz: config.timezone, currentDate: now }).next().toDate();
    const nextText = DateTime.fromJSDate(next, { zone: config.timezone }).toFormat('yyyy-MM-dd HH:mm');
    return `  ${name.padEnd(5, '　')} ${cronInWords(pattern)}（${env}=${pattern}，下次 ${nextText}）`;
  });
}
