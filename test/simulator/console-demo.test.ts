import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePortOr } from '../../src/cli/demo.ts';
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

  it('without Redis: one line saying how to start it, no stack trace, the fake Lark stopped', async () => {
    const larkPort = await someFreePort();
    const { code, err, out } = await run(['--lark-port', String(larkPort), '--port', '0'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^错误 \[REDIS_UNAVAILABLE\]：无法连接 Redis.*redis-server --daemonize yes/);
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
});
