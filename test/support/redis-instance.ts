import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { sparePort } from './pg-instance.ts';

// A redis-server of a test's own on a spare port, for tests that stop and restart Redis. By default
// no persistence: a restart comes back empty, like a Redis that lost its memory. With `appendfsync`
// it keeps an append-only file in a temp folder and a restart replays it. The shared service on
// 6379 is never touched.

export interface RedisInstance {
  port: number;
  url: string;
  /** Kills the server (SIGKILL): connections drop at once, as in a crash. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty, or replaying its AOF). */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

const REDIS_BIN = process.env.TEST_REDIS_SERVER ?? 'redis-server';

export interface RedisInstanceOptions {
  /** AOF on, with this fsync policy, in a temp folder kept across restarts. */
  appendfsync?: 'always' | 'everysec' | 'no';
  maxmemoryPolicy?: string;
}

export async function startRedisInstance(opts: RedisInstanceOptions = {}): Promise<RedisInstance> {
  const port = await sparePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const dir = opts.appendfsync ? mkdtempSync(path.join(tmpdir(), 'duban-redis-')) : null;
  const persistence = dir ? ['--appendonly', 'yes', '--appendfsync', opts.appendfsync!, '--dir', dir] : ['--appendonly', 'no'];
  const policy = opts.maxmemoryPolicy ? ['--maxmemory-policy', opts.maxmemoryPolicy] : [];

  const start = async () => {
    if (child) return;
    const proc = spawn(REDIS_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, ...policy, '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    proc.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    proc.once('exit', () => {
      if (child === proc) child = null;
    });
    const end = Date.now() + 10_000;
    for (;;) {
      if (!child) throw new Error(`redis-server on ${port} exited at start:\n${output}`);
      if (await pings(url)) return;
      if (Date.now() > end) throw new Error(`redis-server on ${port} did not answer within 10 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGKILL');
    await exited;
    child = null;
  };

  const destroy = async () => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  await start();
  return { port, url, start, stop, destroy };
}

async function pings(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}
