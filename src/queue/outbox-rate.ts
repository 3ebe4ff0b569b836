import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

// Sliding windows in Redis, shared by every worker process. BullMQ OSS has no per-group rate
// limits, so the outbox worker asks here before each Lark call. Lark counts per second (50 per app,
// 5 per chat) and per minute (1,000 per app), so a bucket has its own window: one second or one
// minute, checked together in one script so a call takes a slot in all of them or in none.
//
// Lark counts calls by their arrival over a sliding second. A call arrives somewhere between
// our grant and its completion, so a slot is held "in flight" from the grant and then stamped
// with the completion time: every call whose arrival could share a second with a new one is
// still counted when that new one is granted. (A fixed per-second counter would let 2× through
// across a second boundary; stamping the grant time lets network jitter bunch arrivals up.)

const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local inflight = tonumber(ARGV[2])
local wait = 0
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[i * 2 + 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= tonumber(ARGV[i * 2 + 1]) then
    local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
    local w = oldest + window - now
    if oldest > now then w = 100 end
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + inflight, ARGV[1])
  redis.call('PEXPIRE', key, inflight + tonumber(ARGV[i * 2 + 2]) * 2)
end
return 0
`;

const DONE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', now, ARGV[1])
end
return 0
`;

/** A bucket is limited per second or per minute (Lark's two kinds of quota). */
export type RateBucket = { key: string; perSecond: number } | { key: string; perMinute: number };

const limitOf = (b: RateBucket): [limit: number, windowMs: number] => ('perSecond' in b ? [b.perSecond, 1000] : [b.perMinute, 60_000]);

/** A slot taken for one call; release it when the call is over (it then lasts one more second). */
export interface RateSlot {
  release(): Promise<void>;
}

export interface RateGate {
  /** Takes a slot in every bucket, or none: a slot when granted, else ms until one may free up. */
  take(buckets: RateBucket[], member: string): Promise<RateSlot | number>;
}

/** How long a slot counts as in flight if its call never reports back (crashed worker). */
const IN_FLIGHT_MS = 30_000;

export function createRateGate(redis: Redis, prefix: string): RateGate {
  return {
    async take(buckets, member) {
      const keys = buckets.map((b) => `${prefix}:${b.key}`);
      const id = `${member}-${randomBytes(4).toString('hex')}`;
      const args = [id, String(IN_FLIGHT_MS), ...buckets.flatMap((b) => limitOf(b).map(String))];
      const wait = keys.length ? Number(await redis.eval(TAKE, keys.length, ...keys, ...args)) : 0;
      if (wait > 0) return wait;
      return {
        release: async () => {
          if (keys.length) await redis.eval(DONE, keys.length, ...keys, id);
        },
      };
    },
  };
}
