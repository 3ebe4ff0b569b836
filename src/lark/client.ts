import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';

// One SDK client per process (or per test), built from config. See docs/lark.md#client-and-token.

export interface LarkClientOptions {
  /** Token cache; default is a fresh one, so clients never share tokens through the SDK's global cache. */
  cache?: lark.Cache;
  /** Where the SDK's own log lines go (summarised, secrets removed); default: nowhere. */
  logger?: Logger;
}

/** `feishu` / `lark` name the public clouds; anything else is a base URL (the simulator). */
export function larkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/, '');
}

export function createLarkClient(cfg: Config['lark'], opts: LarkClientOptions = {}): lark.Client {
  return new lark.Client({
    appId: cfg.appId,
    appSecret: cfg.appSecret,
    appType: lark.AppType.SelfBuild,
    domain: larkDomain(cfg.domain),
    // Not LoggerLevel.fatal: it is 0, so the SDK falls back to info (docs/lark.md#client-and-token).
    loggerLevel: lark.LoggerLevel.error,
    logger: sdkLogger(opts.logger),
    cache: opts.cache ?? new lark.DefaultCache(),
    source: 'duban',
  });
}

/** Drops the token this client cached, so the next call fetches a new one (after 99991663). */
export async function clearTenantToken(client: lark.Client): Promise<void> {
  await client.cache.set(lark.CTenantAccessToken, undefined, 0, { namespace: client.appId });
}

const SECRETISH = /(Bearer\s+)[^\s"',]+|\b(t|u)-[A-Za-z0-9_-]{8,}/g;

/** Removes bearer tokens and tenant/user tokens from a string. */
export const redact = (s: string): string => s.replace(SECRETISH, (_m, bearer: string | undefined) => (bearer ? `${bearer}***` : '***'));

/**
 * The SDK logs whole axios errors, whose config carries the app secret (token fetch) and the
 * Authorization header. Only a summary goes on: message, HTTP status, Lark code and msg, path.
 */
export function summarise(item: unknown): unknown {
  if (typeof item === 'string') return redact(item);
  if (item === null || typeof item !== 'object') return item;
  const e = item as {
    message?: unknown;
    response?: { status?: unknown; data?: { code?: unknown; msg?: unknown } };
    config?: { url?: unknown; method?: unknown };
    code?: unknown;
    msg?: unknown;
  };
  const url = typeof e.config?.url === 'string' ? e.config.url.split('?')[0] : undefined;
  return {
    message: typeof e.message === 'string' ? redact(e.message) : undefined,
    status: e.response?.status,
    code: e.response?.data?.code ?? (typeof e.code === 'number' ? e.code : undefined),
    msg: e.response?.data?.msg ?? (typeof e.msg === 'string' ? e.msg : undefined),
    method: e.config?.method,
    url,
  };
}

function sdkLogger(logger: Logger | undefined): lark.Logger {
  const forward = (level: 'debug' | 'trace') => (...msg: unknown[]) => {
    if (!logger) return;
    const items = msg.flat(2).map(summarise);
    logger[level]({ sdk: items }, 'lark sdk');
  };
  // SDK errors are re-thrown to the messenger, which classifies and logs each one; here they are
  // only detail.
  return { error: forward('debug'), warn: forward('debug'), info: forward('trace'), debug: forward('trace'), trace: forward('trace') };
}
