import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import type { Config } from './config/schema.ts';
import { errorSerializer } from './safe-error.ts';

export type { Logger } from 'pino';

/**
 * Field paths never written to logs. pino redaction matches exact paths (one `*` per level),
 * so the usual nesting depths are listed; the value scrubber below catches anything else.
 */
const SECRET_KEYS = [
  'appSecret', 'app_secret', 'AppSecret', 'encryptKey', 'encrypt_key', 'verificationToken',
  'tenant_access_token', 'tenantAccessToken', 'app_access_token', 'token', 'encrypt', 'password',
];
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'headers["x-lark-signature"]',
  '*.headers["x-lark-signature"]',
];

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Secret values (app secret, encrypt key, verification token): replaced wherever they appear. */
  secrets?: (string | undefined)[];
  /** Where JSON lines go; stdout by default. Tests pass a buffer. */
  destination?: DestinationStream;
}

/** Replaces every occurrence of a known secret value in an already serialised log line. */
function scrubbing(dest: DestinationStream, secrets: string[]): DestinationStream {
  if (secrets.length === 0) return dest;
  return {
    write(line: string) {
      let out = line;
      for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[REDACTED]');
      return dest.write(out);
    },
  };
}

/** pino JSON logger with secret redaction by path and by value. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  // Very short values would turn ordinary words into [REDACTED]; real secrets are long.
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const dest = opts.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'duban' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      // Errors keep codes, constraint, table and ids only: never a query's parameters (safe-error.ts).
      serializers: { error: errorSerializer, err: errorSerializer },
    },
    scrubbing(dest, secrets),
  );
}

/** The secret values of a config, for `createLogger({ secrets })`. */
export const configSecrets = (config: Pick<Config, 'lark' | 'redisUrl' | 'databaseUrl'>): (string | undefined)[] => [
  config.lark.appSecret,
  config.lark.encryptKey,
  config.lark.verificationToken,
  passwordOf(config.redisUrl),
  passwordOf(config.databaseUrl),
];

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK's logger interface, fed into ours so its lines are JSON and scrubbed too. */
export function sdkLogger(logger: Logger) {
  const line = (args: unknown[]) =>
    args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : stringifyOrString(a))).join(' ');
  const child = logger.child({ component: 'lark-sdk' });
  return {
    error: (...a: unknown[]) => child.error(line(a)),
    warn: (...a: unknown[]) => child.warn(line(a)),
    info: (...a: unknown[]) => child.info(line(a)),
    debug: (...a: unknown[]) => child.debug(line(a)),
    trace: (...a: unknown[]) => child.trace(line(a)),
  };
}

function stringifyOrString(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
