import type { Redis } from 'ioredis';
import { DubanError } from '../errors.ts';

// An acknowledged reply lives only in Redis until a worker stores it. Without AOF a Redis crash
// or restart loses it; with an evicting maxmemory-policy a full Redis drops queued jobs. `serve`
// and `worker` therefore read the settings at start and refuse a Redis that can lose them.

export interface RedisPersistence {
  /** False when CONFIG is disabled or renamed (common on managed Redis). */
  readable: boolean;
  appendonly?: string;
  appendfsync?: string;
  maxmemoryPolicy?: string;
}

const OPT_OUT = 'DUBAN_REDIS_VOLATILE_OK=1';

async function configGet(redis: Redis, key: string): Promise<string | undefined> {
  const pair = (await redis.call('CONFIG', 'GET', key)) as string[];
  return pair[1];
}

export async function readRedisPersistence(redis: Redis): Promise<RedisPersistence> {
  try {
    const [appendonly, appendfsync, maxmemoryPolicy] = await Promise.all([
      configGet(redis, 'appendonly'),
      configGet(redis, 'appendfsync'),
      configGet(redis, 'maxmemory-policy'),
    ]);
    return { readable: true, appendonly, appendfsync, maxmemoryPolicy };
  } catch {
    return { readable: false };
  }
}

/** For /readyz: `aof-always`, `aof-everysec`, `aof-no-fsync`, `volatile` (no AOF) or `unknown` (CONFIG disabled). */
export function persistenceMode(p: RedisPersistence): string {
  if (!p.readable) return 'unknown';
  if (p.appendonly !== 'yes') return 'volatile';
  return p.appendfsync === 'always' ? 'aof-always' : p.appendfsync === 'everysec' ? 'aof-everysec' : 'aof-no-fsync';
}

/** One line naming the setting that can lose acknowledged replies and how to fix it; null when none. */
export function persistenceProblem(p: RedisPersistence): string | null {
  if (!p.readable) {
    return `无法读取 Redis 配置（CONFIG GET 被禁用，托管 Redis 常见），无法确认 appendonly 与 maxmemory-policy：请确认服务商已开启 AOF 持久化（appendonly yes）且 maxmemory-policy 为 noeviction，然后设置 ${OPT_OUT} 启动。`;
  }
  if (p.appendonly !== 'yes') {
    return `Redis 未开启 AOF 持久化（appendonly ${p.appendonly ?? '?'}），Redis 重启或崩溃会丢失已确认的回复：请在 redis.conf 中设置 appendonly yes 与 appendfsync always（或 everysec，最多丢 1 秒），或执行 redis-cli CONFIG SET appendonly yes；仅演示与测试可设置 ${OPT_OUT}。`;
  }
  if (p.maxmemoryPolicy && p.maxmemoryPolicy !== 'noeviction') {
    return `Redis 的 maxmemory-policy 为 ${p.maxmemoryPolicy}，内存满时会逐出队列中的任务：请设置 maxmemory-policy noeviction（redis.conf 或 redis-cli CONFIG SET maxmemory-policy noeviction）；仅演示与测试可设置 ${OPT_OUT}。`;
  }
  return null;
}

/** Throws REDIS_NOT_DURABLE with that line unless the opt-out is set. */
export function assertDurable(p: RedisPersistence, volatileOk: boolean): void {
  const problem = persistenceProblem(p);
  if (problem && !volatileOk) throw new DubanError('REDIS_NOT_DURABLE', problem);
}
