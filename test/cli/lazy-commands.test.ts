import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/registry.ts';
import { buildSignedRequest } from '../../src/lark/crypto.ts';
import { startFakeLark, type FakeLark } from '../../src/simulator/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { dubanEnv, spawnDuban, type DubanProcess } from '../support/duban-process.ts';
import { waitFor } from '../support/fake-lark.ts';
import { APP_ID, ENCRYPT_KEY, messageEvent, VERIFICATION_TOKEN } from '../support/lark-callbacks.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// A command loads what only it uses when it runs (src/cli/registry.ts), and a web-only process
// creates its Lark client (and loads the SDK) only when it first calls Lark. Seen from outside:
// the child runs with test/support/module-log.mjs, which lists every module it loads. From the
// sources (DUBAN_FROM_SOURCE=1), so the answer never depends on a stale dist/.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODULE_LOG = path.join(ROOT, 'test/support/module-log.mjs');
const run = promisify(execFile);

/** Packages only some commands need (export, backup/demo, the browser test, the dashboard, sending). */
const COMMAND_ONLY = ['exceljs', 'docx', '@electric-sql/pglite', 'playwright-core', '@bull-board/api', '@bull-board/fastify'];
const pkg = (name: string) => `/node_modules/${name}/`;
const logFile = () => path.join(tmpdir(), `duban-modules-${randomBytes(4).toString('hex')}.txt`);
const readLog = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const own = (urls: string[], rel: string) => urls.some((u) => u === `file://${ROOT}${rel}`);

describe('duban --help', () => {
  it('loads no command module and none of the packages only commands use', async () => {
    const file = logFile();
    try {
      const { stdout } = await run(process.execPath, ['--import', MODULE_LOG, 'bin/duban.js', '--help'], { cwd: ROOT, env: { ...process.env, DUBAN_FROM_SOURCE: '1', DUBAN_MODULE_LOG: file } });
      for (const c of commands) expect(stdout).toContain(c.name);
      const urls = readLog(file);
      expect(own(urls, 'src/cli/registry.ts'), 'the log sees the registry').toBe(true);
      for (const c of commands) expect(own(urls, `src/cli/${c.name}.ts`), `src/cli/${c.name}.ts loaded by --help`).toBe(false);
      for (const p of [...COMMAND_ONLY, '@larksuiteoapi/node-sdk', 'fastify', 'bullmq', 'zod', 'drizzle-orm']) {
        expect(urls.filter((u) => u.includes(pkg(p))), `${p} loaded by --help`).toEqual([]);
      }
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('names every command in the registry as its module does', async () => {
    for (const c of commands) expect((await c.load()).name).toBe(c.name);
  });
});

describe('duban serve', () => {
  const prefix = testQueuePrefix('lazy');
  let db: TestDb;
  let fake: FakeLark;
  const procs: DubanProcess[] = [];
  const files: string[] = [];

  beforeAll(async () => {
    db = await createTestDb('lazy');
    fake = await startFakeLark({ appId: APP_ID, appSecret: 'lazy-app-secret-0123456789', bot: { openId: 'ou_bot', name: '督办' } });
  });
  afterAll(async () => {
    for (const p of procs) await p.kill();
    await fake?.stop();
    await cleanRedisPrefix(prefix);
    await db?.drop();
    for (const f of files) rmSync(f, { force: true });
  });

  const start = (args: string[]) => {
    const file = logFile();
    files.push(file);
    const env = dubanEnv({
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      LARK_DOMAIN: fake.url,
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: 'lazy-app-secret-0123456789',
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      DUBAN_FROM_SOURCE: '1',
      DUBAN_MODULE_LOG: file,
    });
    const p = spawnDuban(['serve', ...args], env, ['--import', MODULE_LOG]);
    procs.push(p);
    return { p, urls: () => readLog(file) };
  };

  it('--no-workers starts without the Lark SDK or client, and makes the client once, at the first group message that needs the bot', async () => {
    const { p, urls } = start(['--no-workers']);
    const url = /已启动：(http:\/\/\S+?)（/.exec(await p.waitForLine(/已启动：/, 60_000))![1]!;
    // Started: every module of the start-up path is loaded by now.
    for (const name of [...COMMAND_ONLY, '@larksuiteoapi/node-sdk']) expect(urls().filter((u) => u.includes(pkg(name))), `${name} loaded`).toEqual([]);
    expect(own(urls(), 'src/lark/client.ts')).toBe(false);
    for (const rel of ['src/cli/demo.ts', 'src/simulator/index.ts', 'src/usecases/export-report.ts']) expect(own(urls(), rel), rel).toBe(false);
    expect(fake.calls).toEqual([]);

    // A group message @-mentioning someone: the route must know who the bot is.
    const event = messageEvent();
    const deliver = async () => {
      const signed = buildSignedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: String(Math.floor(Date.now() / 1000)), nonce: randomBytes(8).toString('hex') });
      return (await fetch(`${url}/lark/events`, { method: 'POST', headers: signed.headers, body: signed.body })).status;
    };
    const first = await deliver();
    await waitFor(() => fake.calls.some((c) => c.route === 'bot_info' && c.status === 200));
    expect(own(urls(), 'src/lark/client.ts')).toBe(true);
    // The first answer is 200, or an error when making the client and asking outran the 2 s an
    // answer may wait for it (BOT_IDENTITY_UNKNOWN): Lark delivers the message again, and then
    // the identity is known.
    if (first !== 200) expect(await deliver()).toBe(200);
    expect(fake.calls.filter((c) => c.route === 'token')).toHaveLength(1);
    expect(fake.calls.filter((c) => c.route === 'bot_info')).toHaveLength(1);
  });

  it('with workers creates the client at start, and still loads nothing only other commands use', async () => {
    const { p, urls } = start([]);
    await p.waitForLine(/队列处理已启动/, 60_000);
    expect(own(urls(), 'src/lark/client.ts')).toBe(true);
    for (const name of COMMAND_ONLY) expect(urls().filter((u) => u.includes(pkg(name))), `${name} loaded`).toEqual([]);
  });
});
