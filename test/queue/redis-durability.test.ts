import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/connection.ts';
import { waitForRedis } from '../../src/queue/redis-health.ts';
import { assertDurable, persistenceMode, persistenceProblem, readRedisPersistence } from '../../src/queue/redis-durability.ts';
import { testRedisUrl } from '../support/redis.ts';

const redis = createRedis(testRedisUrl, 'producer');
afterAll(() => redis.disconnect());

describe('Redis durability', () => {
  it('reads appendonly, appendfsync and maxmemory-policy from a live Redis', async () => {
    await waitForRedis(redis, testRedisUrl);
    const p = await readRedisPersistence(redis);
    expect(p.readable).toBe(true);
    expect(p.appendonly).toMatch(/^(yes|no)$/);
    expect(p.appendfsync).toMatch(/^(always|everysec|no)$/);
    expect(p.maxmemoryPolicy).toBeTruthy();
  });

  it('accepts AOF with noeviction and names the mode', () => {
    expect(persistenceProblem({ readable: true, appendonly: 'yes', appendfsync: 'always', maxmemoryPolicy: 'noeviction' })).toBeNull();
    expect(persistenceMode({ readable: true, appendonly: 'yes', appendfsync: 'always' })).toBe('aof-always');
    expect(persistenceMode({ readable: true, appendonly: 'yes', appendfsync: 'everysec' })).toBe('aof-everysec');
    expect(persistenceMode({ readable: true, appendonly: 'no' })).toBe('volatile');
    expect(persistenceMode({ readable: false })).toBe('unknown');
  });

  it('refuses no AOF, an evicting policy, or CONFIG disabled, each in one line naming the setting, unless opted out', () => {
    const cases = [
      [{ readable: true, appendonly: 'no', appendfsync: 'everysec', maxmemoryPolicy: 'noeviction' }, /appendonly no.*appendonly yes/],
      [{ readable: true, appendonly: 'yes', appendfsync: 'everysec', maxmemoryPolicy: 'allkeys-lru' }, /maxmemory-policy 为 allkeys-lru.*noeviction/],
      [{ readable: false }, /CONFIG GET 被禁用.*DUBAN_REDIS_VOLATILE_OK=1/],
    ] as const;
    for (const [p, re] of cases) {
      const line = persistenceProblem(p)!;
      expect(line).toMatch(re);
      expect(line).not.toContain('\n');
      expect(() => assertDurable(p, false)).toThrow(expect.objectContaining({ code: 'REDIS_NOT_DURABLE', message: line }));
      expect(() => assertDurable(p, true)).not.toThrow();
    }
  });
});
