import { CronExpressionParser } from 'cron-parser';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseQuietHours, type QuietHours } from '../domain/calendar/quiet-hours.ts';

// The whole environment contract (docs/operations.md#configuration), validated once. Nothing else reads process.env.
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A cron pattern as BullMQ's job schedulers read it: the same parser (cron-parser) decides. */
const cron = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .superRefine((v, ctx) => {
      try {
        // cron-parser also takes 4 fields and reads them differently; a person writing one meant 5.
        const fields = v.split(/\s+/).length;
        if (fields !== 5 && fields !== 6) throw new Error(`应为 5 个字段，实为 ${fields} 个`);
        CronExpressionParser.parse(v, { tz: 'UTC' }).next();
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `不是有效的 cron 表达式「${v}」（${(e as Error).message}）；格式：分 时 日 月 星期，例如 0 9 * * 1 表示每周一 09:00` });
      }
    });

export const configSchema = z.object({
  LARK_APP_ID: z.string().trim().default('cli_a000000000000000'),
  LARK_APP_SECRET: z.string().trim().default('local-secret'),
  LARK_DOMAIN: z.string().trim().default('feishu'),
  LARK_ENCRYPT_KEY: optionalText,
  LARK_VERIFICATION_TOKEN: optionalText,
  LARK_EVENT_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  LARK_TENANT_KEY: optionalText,
  DUBAN_INSECURE_LOCAL: z.enum(['', '0', '1', 'true', 'false']).default('').transform((v) => v === '1' || v === 'true'),
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().trim().default('./data'),
  REDIS_URL: z.string().trim().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().trim().default('duban'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().default('0.0.0.0'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  METRICS_HOST: z.string().trim().default('127.0.0.1'),
  HTTP_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(200),
  LATE_GRACE_DAYS: z.coerce.number().int().min(0).default(7),
  INPUT_MAX_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  DUBAN_ADMIN_USER: optionalText,
  DUBAN_ADMIN_PASSWORD: optionalText,
  DIRECTORY_FILE: optionalText,
  DUBAN_TIMEZONE: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine((v) => IANAZone.isValidZone(v), { message: '不是有效的 IANA 时区（例如 Asia/Shanghai）' }),
  DUBAN_NOW: optionalText,
  ROUND_CRON: cron('0 9 * * 1'),
  REMIND_CRON: cron('0 15 * * 4'),
  CLOSE_CRON: cron('0 17 * * 5'),
  DIGEST_CRON: cron('30 17 * * 5'),
  CALENDAR_OVERRIDE_FILE: optionalText,
  QUIET_HOURS: z
    .string()
    .trim()
    .default('20:00-08:00')
    .superRefine((v, ctx) => {
      const q = parseQuietHours(v);
      if (q instanceof Error) ctx.addIssue({ code: 'custom', message: q.message });
    }),
  RESULTS_CRON: cron('0 9 * * *'),
  RESULTS_REMIND_CRON: cron('0 10 * * 2'),
  RESULTS_LEAD_DAYS: z.coerce.number().int().min(0).max(366).default(30),
  RESULTS_MAX_BYTES: z.coerce.number().int().positive().max(100 * 1024 * 1024).default(20 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OUTBOX_APP_RATE: z.coerce.number().int().positive().default(40),
  OUTBOX_CHAT_RATE: z.coerce.number().int().positive().default(4),
  OUTBOX_APP_RATE_PER_MINUTE: z.coerce.number().int().positive().default(1000),
  CARD_ANSWER_BUDGET_MS: z.coerce.number().int().min(0).max(2500).default(1500),
  QUEUE_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  INBOUND_RETRY_MAX_MS: z.coerce.number().int().min(10).default(60_000),
  DUBAN_REDIS_VOLATILE_OK: z.enum(['', '0', '1', 'true', 'false']).default(''),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  lark: {
    appId: string;
    appSecret: string;
    /** `feishu`, `lark`, or a base URL such as http://127.0.0.1:3100 */
    domain: string;
    encryptKey?: string;
    verificationToken?: string;
    eventMode: 'webhook' | 'ws';
    /** only this tenant's callbacks are accepted, when set */
    tenantKey?: string;
  };
  /** DUBAN_INSECURE_LOCAL=1: `serve` starts without signing keys (local demos and tests only). */
  insecureLocal: boolean;
  /** The operational port, apart from the public one (127.0.0.1 by default): /metrics, /healthz, /readyz, the queue dashboard. */
  metrics: { port: number; host: string };
  /** Requests handled at once on the public port; more are answered 503. */
  httpMaxInFlight: number;
  /** A card of a round closed longer ago than this is refused; within it, stored as late. */
  lateGraceDays: number;
  /** Largest plan or directory file `import` / `directory` read. */
  inputMaxBytes: number;
  databaseUrl?: string;
  dataDir: string;
  redisUrl: string;
  queuePrefix: string;
  port: number;
  host: string;
  /** Basic-auth login of the queue dashboard on the operational port; unset: no dashboard. */
  admin?: { user: string; password: string };
  directoryFile?: string;
  timezone: string;
  /** Fixed clock for demos and tests (ISO date-time); unset means the real clock. */
  now?: string;
  cron: { round: string; remind: string; close: string; digest: string; results: string; resultsRemind: string };
  /** Holidays: the package's data, then the override file's years (YAML); no reminder in the quiet hours (null: none). */
  calendar: { overrideFile?: string; quietHours: QuietHours | null };
  /** 成效报送: cards go out `leadDays` before the plan's report deadline; files up to `maxBytes` are taken. */
  results: { leadDays: number; maxBytes: number };
  logLevel: RawConfig['LOG_LEVEL'];
  outbox: { appRatePerSecond: number; chatRatePerSecond: number; appRatePerMinute: number };
  /** Longest a card callback answer waits for its card; past it the card follows as a delayed update. */
  cardAnswerBudgetMs: number;
  /** How long a worker's job lock lasts; a crashed worker's jobs are taken over after about twice this. */
  queueLockMs: number;
  /** Longest wait between two attempts of an inbound job failing for a passing reason. */
  inboundRetryMaxMs: number;
  /** Start although Redis may lose acknowledged replies (no AOF, or an evicting maxmemory-policy). */
  redisVolatileOk: boolean;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`配置无效：${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.DUBAN_ADMIN_USER) !== Boolean(e.DUBAN_ADMIN_PASSWORD)) {
    throw new ConfigError('配置无效：DUBAN_ADMIN_USER 和 DUBAN_ADMIN_PASSWORD 须同时设置（开启队列面板）或同时留空');
  }
  if (e.DUBAN_NOW !== undefined && Number.isNaN(Date.parse(e.DUBAN_NOW))) {
    throw new ConfigError(`配置无效：DUBAN_NOW 不是有效时间（${e.DUBAN_NOW}）`);
  }
  return {
    lark: {
      appId: e.LARK_APP_ID,
      appSecret: e.LARK_APP_SECRET,
      domain: e.LARK_DOMAIN,
      encryptKey: e.LARK_ENCRYPT_KEY,
      verificationToken: e.LARK_VERIFICATION_TOKEN,
      eventMode: e.LARK_EVENT_MODE,
      tenantKey: e.LARK_TENANT_KEY,
    },
    insecureLocal: e.DUBAN_INSECURE_LOCAL,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST },
    httpMaxInFlight: e.HTTP_MAX_IN_FLIGHT,
    lateGraceDays: e.LATE_GRACE_DAYS,
    inputMaxBytes: e.INPUT_MAX_BYTES,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    port: e.PORT,
    host: e.HOST,
    admin: e.DUBAN_ADMIN_USER && e.DUBAN_ADMIN_PASSWORD ? { user: e.DUBAN_ADMIN_USER, password: e.DUBAN_ADMIN_PASSWORD } : undefined,
    directoryFile: e.DIRECTORY_FILE,
    timezone: e.DUBAN_TIMEZONE,
    now: e.DUBAN_NOW,
    cron: { round: e.ROUND_CRON, remind: e.REMIND_CRON, close: e.CLOSE_CRON, digest: e.DIGEST_CRON, results: e.RESULTS_CRON, resultsRemind: e.RESULTS_REMIND_CRON },
    calendar: { overrideFile: e.CALENDAR_OVERRIDE_FILE, quietHours: parseQuietHours(e.QUIET_HOURS) as QuietHours | null },
    results: { leadDays: e.RESULTS_LEAD_DAYS, maxBytes: e.RESULTS_MAX_BYTES },
    logLevel: e.LOG_LEVEL,
    outbox: { appRatePerSecond: e.OUTBOX_APP_RATE, chatRatePerSecond: e.OUTBOX_CHAT_RATE, appRatePerMinute: e.OUTBOX_APP_RATE_PER_MINUTE },
    cardAnswerBudgetMs: e.CARD_ANSWER_BUDGET_MS,
    queueLockMs: e.QUEUE_LOCK_MS,
    inboundRetryMaxMs: e.INBOUND_RETRY_MAX_MS,
    redisVolatileOk: e.DUBAN_REDIS_VOLATILE_OK === '1' || e.DUBAN_REDIS_VOLATILE_OK === 'true',
  };
}
