import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { resolve } from 'node:path';
import { DubanError } from '../errors.ts';
import { safeUrl } from '../queue/redis-health.ts';

// The demo brings its own Redis: when nothing listens at REDIS_URL and redis-server is
// installed, it starts a private one on a free port, persisted (append-only file) under the
// data directory, and stops it with the demo.

export interface DemoRedis {
  url: string;
  /** true when the demo started it (and stops it on close) */
  started: boolean;
  stop(): Promise<void>;
}

/** Whether something accepts TCP connections at the Redis URL's host and port. */
export function listens(url: string, timeoutMs = 1000): Promise<boolean> {
  const u = new URL(url);
  return new Promise((done) => {
    const socket = connect({ host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

const INSTALL_HINT =
  '请安装 Redis（Debian/Ubuntu：sudo apt-get install redis-server；macOS：brew install redis），演示会自动启动它；或在 .env 中把 REDIS_URL 指向可用的 Redis。';

/**
 * The Redis the demo uses: the one at `url` if something listens there, else a private
 * `redis-server` (`bin`) of its own. Without either, a REDIS_UNAVAILABLE error saying how to install one.
 */
export async function demoRedis(url: string, dataDir: string, bin = 'redis-server'): Promise<DemoRedis> {
  if (await listens(url)) return { url, started: false, stop: async () => {} };
  const port = await freePort();
  const dir = resolve(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--dir', dir, '--save', '', '--daemonize', 'no'];
  let child: ChildProcess;
  let output = '';
  try {
    child = await new Promise<ChildProcess>((done, fail) => {
      const c = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      c.once('spawn', () => done(c));
      c.once('error', fail);
    });
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DubanError(
      'REDIS_UNAVAILABLE',
      missing
        ? `${safeUrl(url)} 上没有 Redis，本机也没有 redis-server。${INSTALL_HINT}`
        : `${safeUrl(url)} 上没有 Redis，启动 ${bin} 失败：${(e as Error).message}。${INSTALL_HINT}`,
    );
  }
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-2000)));
  let exited = false;
  const exit = new Promise<void>((done) => child.once('exit', () => ((exited = true), done())));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
    await Promise.race([exit, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (!exited) child.kill('SIGKILL');
  };
  const privateUrl = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await listens(privateUrl, 200))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new DubanError('REDIS_UNAVAILABLE', `${safeUrl(url)} 上没有 Redis，私有 redis-server 未能启动：${output.trim().split('\n').at(-1) ?? ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: privateUrl, started: true, stop };
}
