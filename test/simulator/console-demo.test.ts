import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { freePortOr } from '../../src/cli/demo.ts';
import { listens } from '../../src/cli/demo-redis.ts';
import { spawnDuban } from '../support/duban-process.ts';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';

// `duban demo` around its start: help, bad flags, Redis missing (the full run is the e2e test).

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'duban-demo-'));
  dirs.push(dir);
  const out: string[] = [];
  const err: string[] = [];
  const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const code = await runCli(['demo', ...args], { config, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, dir };
}

async function someFreePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('duban demo', () => {
  it('--help explains what it starts and how to stop it', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/用法: duban demo[\s\S]*--lark-port[\s\S]*Ctrl\+C/);
  });

  it('without Redis and without redis-server: one line saying how to install it, no stack trace, nothing started', async () => {
    const larkPort = await someFreePort();
    const { code, err, out } = await run(['--lark-port', String(larkPort), '--port', '0', '--redis-server', '/nonexistent/redis-server'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^错误 \[REDIS_UNAVAILABLE\]：.*本机也没有 redis-server.*apt-get install redis-server/);
    expect(err[0]).not.toMatch(/\n\s+at /);
    expect(out.some((l) => l.startsWith('控制台：'))).toBe(false);
    expect(await freePortOr(larkPort, '127.0.0.1')).toBe(larkPort);
  });

  it('refuses a bad port or clock before starting anything', async () => {
    const port = await run(['--port', 'abc']);
    expect(port.code).toBe(1);
    expect(port.err[0]).toContain('CLI_BAD_ARGUMENT');
    const now = await run(['--now', 'yesterday']);
    expect(now.err[0]).toContain('--now 不是有效时间');
    expect(port.out).toEqual([]);
  });

  it('falls back to a free port when the asked one is taken', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const taken = (busy.address() as { port: number }).port;
    expect(await freePortOr(taken, '127.0.0.1')).toBe(0);
    await new Promise((r) => busy.close(r));
    expect(await freePortOr(taken, '127.0.0.1')).toBe(taken);
  });

  it('without Redis but with redis-server: starts a private one and says so, says when a port moved, ends with the console URL, and the CLI then lives on the demo’s clock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duban-demo-run-'));
    dirs.push(dir);
    const redisPort = await someFreePort();
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const taken = (busy.address() as { port: number }).port;
    const demo = spawnDuban(['demo', '--port', '0', '--lark-port', String(taken)], { DATA_DIR: dir, REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_LEVEL: 'silent', DATABASE_URL: '', DUBAN_NOW: '' });
    try {
      await demo.waitForLine(/^控制台：http/, 90_000);
      await new Promise((r) => setTimeout(r, 300));
      const lines = demo.lines.filter(Boolean);
      const started = lines.filter((l) => l.includes('已启动演示专用的 redis-server'));
      expect(started).toHaveLength(1);
      const privateUrl = /（(redis:\/\/127\.0\.0\.1:\d+)，/.exec(started[0]!)![1]!;
      expect(lines.filter((l) => l.startsWith('注意：'))).toEqual([expect.stringMatching(new RegExp(`^注意：控制台端口 ${taken} 已被占用，改用 \\d+`))]);
      expect(lines.at(-1)).toMatch(/^控制台：http:\/\/127\.0\.0\.1:\d+\/console$/);
      await demo.kill('SIGINT', 30_000);
      expect(await listens(privateUrl, 500)).toBe(false);
      expect(readdirSync(join(dir, 'redis')).length).toBeGreaterThan(0);
    } finally {
      if (demo.running) await demo.kill('SIGKILL');
      busy.close();
    }
    // A command on the demo's database, without DUBAN_NOW, works in the demo's week.
    const out: string[] = [];
    const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    expect(await runCli(['digest', '--dry-run'], { config, out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    expect(out.join('\n')).toContain('2021-W23');
  }, 150_000);
});
