import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

// Sliding one-second windows in Redis, shared by every worker process. BullMQ OSS has no
// per-group rate limits, so the outbox worker asks here before each Lark call. Lark counts
// "5 QPS per chat" over a sliding window; a fixed per-second counter would let 2× through
// across a second boundary.

const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= tonumber(ARGV[i + 2]) then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2] .. '-' .. now)
  redis.call('PEXPIRE', key, window * 2)
end
return 0
`;

const WINDOW_MS = 1000;

export interface RateBucket {
  key: string;
  perSecond: number;
}

export interface RateGate {
  /** Takes a slot in every bucket, or none: 0 when granted, else ms until one frees up. */
  take(buckets: RateBucket[], member: string): Promise<number>;
}

export function createRateGate(redis: Redis, prefix: string): RateGate {
  return {
    async take(buckets, member) {
      if (buckets.length === 0) return 0;
      const keys = buckets.map((b) => `${prefix}:${b.key}`);
      const args = [String(WINDOW_MS), `${member}-${randomBytes(3).toString('hex')}`, ...buckets.map((b) => String(b.perSecond))];
      const wait = await redis.eval(SCRIPT, keys.length, ...keys, ...args);
      return Number(wait);
    },
  };
}
