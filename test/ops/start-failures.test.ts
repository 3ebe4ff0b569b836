import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { findActivePlan } from '../../src/db/repositories/plan.repository.ts';
import { startApp } from '../../src/main.ts';
import { createRedis } from '../../src/queue/connection.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { spawnDuban } from '../support/duban-process.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

const run = promisify(execFile);
const prefix = testQueuePrefix('startfail');
let db: TestDb;

beforeAll(async () => {
  db = await createTestDb('startfail');
});

afterAll(async () => {
  await cleanRedisPrefix(prefix);
  await db?.drop();
});

describe('configuration is checked before anything starts', () => {
  it('rejects cron patterns the scheduler could not run, naming the variable, and stores nothing', () => {
    for (const [key, value] of [['ROUND_CRON', '61 9 * * 1'], ['REMIND_CRON', '0 15 * * 8'], ['DIGEST_CRON', 'every friday'], ['CLOSE_CRON', '0 17 * *']]) {
      expect(() => parseConfig({ [key!]: value })).toThrow(new RegExp(`${key}: 不是有效的 cron 表达式`));
    }
    expect(parseConfig({ ROUND_CRON: '0 9 * * MON', DIGEST_CRON: '30 17 * * 5' }).cron.round).toBe('0 9 * * MON');
  });

  it('rejects a time zone luxon does not know', () => {
    expect(() => parseConfig({ DUBAN_TIMEZONE: 'Mars/Olympus' })).toThrow(/DUBAN_TIMEZONE: 不是有效的 IANA 时区/);
    expect(() => parseConfig({ DUBAN_TIMEZONE: 'Asia/Shanghia' })).toThrow(/DUBAN_TIMEZONE/);
    expect(parseConfig({ DUBAN_TIMEZONE: 'Europe/Berlin' }).timezone).toBe('Europe/Berlin');
  });

  it('duban serve with a bad ROUND_CRON exits 1 within seconds with one clear line', async () => {
    const started = Date.now();
    const p = spawnDuban(['serve'], { ROUND_CRON: '61 9 * * 1', DATABASE_URL: db.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: prefix, PORT: '0' });
    expect(await p.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(p.lines.join('\n')).toContain('ROUND_CRON: 不是有效的 cron 表达式「61 9 * * 1」');
  });

  it('a start that fails after the workers started closes them all and rejects', async () => {
    const good = parseConfig({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' });
    // A pattern that slipped past the config check: Redis refuses it when the scheduler is registered.
    const config = { ...good, cron: { ...good.cron, digest: 'not a cron' } };
    const started = Date.now();
    await expect(startApp(config, { web: true, workers: true, logger: pino({ level: 'silent' }), now: () => new Date() })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
    const redis = createRedis(testRedisUrl, 'producer');
    try {
      for (const name of ['inbound', 'outbox', 'schedules']) {
        const q = new Queue(name, { connection: redis, prefix });
        expect(await q.getWorkers()).toEqual([]);
        await q.close();
      }
    } finally {
      redis.disconnect();
    }
  });
});

describe('a closed stdout never turns a command into a silent success', () => {
  it('duban import f | true still stores the plan and exits with the command’s own code', async () => {
    const { stdout } = await run('bash', ['-c', 'node bin/duban.js import samples/cnipa-2021.txt | true; echo "status=${PIPESTATUS[0]}"'], {
      env: { ...process.env, DATABASE_URL: db.url },
    });
    expect(stdout.trim()).toBe('status=0');
    expect((await findActivePlan(db.db))?.title).toContain('知识产权');
  });
});
