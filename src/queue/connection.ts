import { Redis, type RedisOptions } from 'ioredis';

/**
 * One ioredis connection for BullMQ. Workers need maxRetriesPerRequest: null (BullMQ
 * "going to production"); producers fail fast instead so the webhook can answer 503.
 */
export function createRedis(url: string, role: 'producer' | 'worker', extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    lazyConnect: false,
    ...extra,
  });
}
