import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import type { Config } from '../../src/config/schema.ts';
import { createInboundDispatcher } from '../../src/lark/inbound/dispatcher.ts';
import { EVENTS } from '../../src/lark/requirements.ts';
import { spawnDuban } from '../support/duban-process.ts';
import { sparePort } from '../support/pg-instance.ts';
import { BOT_OPEN_ID, startWorld, waitFor, type World } from '../support/world.ts';

// `duban doctor` against the fake Lark: the demo's world passes; a broken one gets a checklist
// naming each problem and its fix, and exit code 1.

let w: World;
let aofRedis: ChildProcess;
let aofDir: string;
let aofUrl: string;

async function doctor(config: Config) {
  const out: string[] = [];
  const code = await runCli(['doctor'], { config, out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, text: out.join('\n') };
}

beforeAll(async () => {
  aofDir = await mkdtemp(path.join(tmpdir(), 'duban-aof-'));
  const port = await sparePort();
  aofUrl = `redis://127.0.0.1:${port}`;
  aofRedis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--dir', aofDir, '--save', ''], { stdio: 'ignore' });
  w = await startWorld('doctor');
  w.fake.state.bot = { open_id: BOT_OPEN_ID, app_name: '督办机器人' };
  const { Redis } = await import('ioredis');
  await waitFor('aof redis', async () => {
    const r = new Redis(aofUrl, { maxRetriesPerRequest: 0, lazyConnect: true });
    r.on('error', () => {});
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  });
}, 60_000);

afterAll(async () => {
  await w?.close();
  aofRedis?.kill('SIGKILL');
  await rm(aofDir, { recursive: true, force: true });
});

describe('duban doctor', () => {
  it('on the demo setup (fake Lark, Postgres, Redis with AOF) every check passes and the schedules are said in words', async () => {
    const r = await doctor({ ...w.config, redisUrl: aofUrl });
    expect(r.text).not.toContain('✘');
    expect(r.text).toContain('✔ 飞书 tenant_access_token：已取得');
    expect(r.text).toContain(`✔ 机器人：「督办机器人」open_id ${BOT_OPEN_ID}`);
    expect(r.text).toMatch(/✔ 目录中的群：机器人在全部 \d+ 个群里/);
    expect(r.text).toMatch(/✔ 目录中的人：全部 \d+ 人都能找到/);
    expect(r.text).toContain('✔ Redis 持久化');
    expect(r.text).toContain('开启填报　 每周一 09:00（ROUND_CRON=0 9 * * 1');
    expect(r.text).toContain('发送周汇总 每周五 17:30');
    expect(r.code).toBe(0);
  });

  it('on a broken setup it lists each problem with its fix and exits 1', async () => {
    const lost = w.fake.state.chats.get('oc_dept_tfs')!;
    w.fake.state.chats.delete('oc_dept_tfs');
    w.fake.state.users.delete('ou_admin_0002');
    try {
      const r = await doctor({ ...w.config, lark: { ...w.config.lark, encryptKey: undefined } });
      expect(r.code).toBe(1);
      expect(r.text).toContain('✘ 回调校验：未设置 LARK_ENCRYPT_KEY');
      expect(r.text).toContain('✘ Redis 持久化'); // the shared test Redis runs without AOF
      expect(r.text).toContain('appendonly yes');
      expect(r.text).toMatch(/✘ 目录中的群：机器人不在 1\/\d+ 个群里：条法司的群（oc_dept_tfs）/);
      expect(r.text).toContain('群机器人 → 添加机器人');
      expect(r.text).toMatch(/✘ 目录中的人：1\/\d+ 人找不到：ou_admin_0002/);
      expect(r.text).toMatch(/结果：\d+ 项必须处理/);
    } finally {
      w.fake.state.chats.set('oc_dept_tfs', lost);
      w.fake.addUser({ open_id: 'ou_admin_0002', name: '吴督办' });
    }
  });

  it('with a wrong app secret it stops at the token and says which secret to fix', async () => {
    const r = await doctor({ ...w.config, redisUrl: aofUrl, lark: { ...w.config.lark, appSecret: 'wrong' } });
    expect(r.code).toBe(1);
    expect(r.text).toContain('✘ 飞书 tenant_access_token：错误码 10014：App Secret 无效');
    expect(r.text).toContain('检查 LARK_APP_SECRET');
  });

  it('with an invalid cron pattern it prints the checklist with the configuration failure and exits 1', async () => {
    const p = spawnDuban(['doctor'], { ROUND_CRON: '0 25 * * 1' });
    expect(await p.exited).toBe(1);
    const text = p.lines.join('\n');
    expect(text).toContain('✘ 配置：ROUND_CRON: 不是有效的 cron 表达式「0 25 * * 1」');
    expect(text).toContain('处理：');
  }, 30_000);

  it('the events duban asks the app to subscribe are exactly those its dispatcher handles', () => {
    const d = createInboundDispatcher({ enqueue: async () => {}, logger: pino({ level: 'silent' }), now: () => new Date() });
    expect([...d.handles.keys()].filter((t) => t !== 'app_ticket').sort()).toEqual(EVENTS.map((e) => e.type).sort());
  });
});
