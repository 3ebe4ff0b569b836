import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

// Sliding one-second windows in Redis, shared by every worker process. BullMQ OSS has no
// per-group rate limits, so the outbox worker asks here before each Lark call.
//
// Lark counts calls by their arrival over a sliding second. A call arrives somewhere between
// our grant and its completion, so a slot is held "in flight" from the grant and then stamped
// with the completion time: every call whose arrival could share a second with a new one is
// still counted when that new one is granted. (A fixed per-second counter would let 2× through
// across a second boundary; stamping the grant time lets network jitter bunch arrivals up.)

const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local inflight = tonumber(ARGV[3])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= tonumber(ARGV[i + 3]) then
    local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
    local w = oldest + window - now
    if oldest > now then w = 100 end
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + inflight, ARGV[2])
  redis.call('PEXPIRE', key, inflight + window * 2)
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

const WINDOW_MS = 1000;

export interface RateBucket {
  key: string;
  perSecond: number;
}

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
      const args = [String(WINDOW_MS), id, String(IN_FLIGHT_MS), ...buckets.map((b) => String(b.perSecond))];
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
