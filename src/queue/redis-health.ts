import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DubanError } from '../errors.ts';

// Start-up and outage handling of Redis connections, shared by every command that needs Redis.

/** The URL without its password, for messages people read. */
export const safeUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/**
 * Resolves once the connection is ready; rejects with a DubanError telling how to start Redis
 * on the first connection error (refused, unknown host) or after `timeoutMs`.
 */
export async function waitForRedis(redis: Redis, url: string, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      if (!err) return resolve();
      const hint = `请先启动 Redis，例如 \`redis-server --daemonize yes\`，或在 .env 中把 REDIS_URL 指向可用的 Redis。`;
      reject(new DubanError('REDIS_UNAVAILABLE', `无法连接 Redis（${safeUrl(url)}：${err.message}）。${hint}`));
    };
    const onReady = () => done();
    const onError = (e: Error) => done(e);
    const timer = setTimeout(() => done(new Error(`${timeoutMs} ms 内未连上`)), timeoutMs);
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}

/**
 * Logs a connection's errors once per outage instead of once per reconnect attempt. Before the
 * first ready nothing is logged: startApp then fails with one clear line instead.
 */
export function quietErrors(redis: Redis, logger: Logger, role: string): void {
  let down = redis.status !== 'ready';
  let everReady = redis.status === 'ready';
  redis.on('error', (err: Error) => {
    if (!down && everReady) logger.error({ role, error: err.message }, 'redis connection error');
    down = true;
  });
  redis.on('ready', () => {
    if (down && everReady) logger.info({ role }, 'redis connection restored');
    down = false;
    everReady = true;
  });
}

