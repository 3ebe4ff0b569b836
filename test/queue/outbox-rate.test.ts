import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/connection.ts';
import { createRateGate, type RateGate, type RateSlot } from '../../src/queue/outbox-rate.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

const prefix = testQueuePrefix('rate');
let redis: Redis;
let gate: RateGate;

beforeAll(() => {
  redis = createRedis(testRedisUrl, 'worker');
  gate = createRateGate(redis, prefix);
});
afterAll(async () => {
  redis.disconnect();
  await cleanRedisPrefix(prefix);
});

const chat = (id: string) => [{ key: 'app', perSecond: 100 }, { key: `chatrate:${id}`, perSecond: 4 }];

describe('outbox rate gate', () => {
  it('grants four calls per chat, then asks to wait while they are in flight', async () => {
    const slots = await Promise.all(Array.from({ length: 4 }, (_, i) => gate.take(chat('a'), `m${i}`)));
    expect(slots.every((s) => typeof s === 'object')).toBe(true);
    expect(await gate.take(chat('a'), 'm5')).toBe(100);
    // Another chat has its own bucket.
    expect(typeof (await gate.take(chat('b'), 'x'))).toBe('object');
    // Released calls count for one more second from their completion.
    await Promise.all((slots as RateSlot[]).map((s) => s.release()));
    const wait = await gate.take(chat('a'), 'm5');
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1000);
  });

  it('takes no slot anywhere when one bucket is full', async () => {
    for (let i = 0; i < 4; i++) await gate.take(chat('c'), `c${i}`);
    const before = await redis.zcard(`${prefix}:app`);
    expect(typeof (await gate.take(chat('c'), 'c5'))).toBe('number');
    expect(await redis.zcard(`${prefix}:app`)).toBe(before);
  });

  it('holds a per-minute quota in the same take: a slot counts for a minute, and a full minute refuses every bucket', async () => {
    const buckets = (id: string) => [{ key: 'app-s', perSecond: 100 }, { key: 'app-min', perMinute: 3 }, { key: `chatrate:${id}`, perSecond: 4 }];
    const slots = [];
    for (let i = 0; i < 3; i++) slots.push(await gate.take(buckets(`m${i}`), `q${i}`));
    expect(slots.every((s) => typeof s === 'object')).toBe(true);
    await Promise.all((slots as RateSlot[]).map((s) => s.release()));
    // A second on, the one-second windows are free again; the minute is not.
    await new Promise((r) => setTimeout(r, 1100));
    const wait = await gate.take(buckets('m9'), 'q4');
    expect(typeof wait).toBe('number');
    expect(wait as number).toBeGreaterThan(55_000);
    expect(wait as number).toBeLessThanOrEqual(60_000);
    const members = [...(await redis.zrange(`${prefix}:app-s`, 0, -1)), ...(await redis.zrange(`${prefix}:chatrate:m9`, 0, -1))];
    expect(members.filter((m) => m.startsWith('q4-'))).toEqual([]);
    expect(await redis.pttl(`${prefix}:app-min`)).toBeGreaterThan(60_000);
  });
});
