import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rssOf, sleep } from './setup.ts';

// The measuring half of bench/footprint.ts: child processes timed from spawn to an exit or to the
// first /readyz 200, their resident memory once idle, and the modules they loaded.

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(ROOT, 'bin/duban.js');
const MODULE_LOG = path.join(ROOT, 'test/support/module-log.mjs');

/** How a duban child runs: the build (dist/) or the sources through tsx. */
export type Mode = 'dist' | 'source';
export const modeEnv = (mode: Mode): Record<string, string> => ({ DUBAN_FROM_SOURCE: mode === 'source' ? '1' : '0' });

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
export const load1 = () => loadavg()[0]!;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Wall time of a command run to its exit (ms); throws on a non-zero exit. */
export function timeToExit(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(-500)}`);
  return ms;
}

export interface Running {
  pid: number;
  /** Spawn to the first /readyz 200, ms. */
  readyMs: number;
  /** Resolves when the process prints a line matching `re`. */
  line(re: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a server process on `port` and polls http://127.0.0.1:port/readyz until it answers 200. */
export async function startUntilReady(args: string[], env: Record<string, string>, port: number, timeoutMs = 60_000): Promise<Running> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const collect = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(t);
  };
  for (;;) {
    if (exited) throw new Error(`${args.join(' ')} exited before ready:\n${out.slice(-2000)}`);
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`${args.join(' ')} not ready within ${timeoutMs} ms:\n${out.slice(-2000)}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await sleep(20);
  }
  const readyMs = performance.now() - started;
  return {
    pid: child.pid!,
    readyMs,
    async line(re, lineTimeoutMs = 30_000) {
      const until = Date.now() + lineTimeoutMs;
      while (!re.test(out)) {
        if (exited || Date.now() > until) throw new Error(`${args.join(' ')}: no line ${re}:\n${out.slice(-2000)}`);
        await sleep(50);
      }
    },
    stop,
  };
}

/** Resident memory once idle: the median of `samples` readings a second apart, after `settleMs`. */
export async function idleRss(pid: number, settleMs = 3000, samples = 3): Promise<number> {
  await sleep(settleMs);
  const xs: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i) await sleep(1000);
    const r = rssOf(pid);
    if (r === null) throw new Error(`process ${pid} is gone`);
    xs.push(r);
  }
  return median(xs);
}

/** `node --import test/support/module-log.mjs <args>` until ready: the URLs of every module it loaded. */
export async function loadedModules(args: string[], env: Record<string, string>, port: number, waitLine?: RegExp): Promise<string[]> {
  const file = path.join(tmpdir(), `duban-modules-${process.pid}-${port}.txt`);
  rmSync(file, { force: true });
  const p = await startUntilReady(['--import', MODULE_LOG, ...args], { ...env, DUBAN_MODULE_LOG: file }, port);
  if (waitLine) await p.line(waitLine);
  await p.stop();
  const urls = [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))];
  rmSync(file, { force: true });
  return urls;
}

/** Package name of a module URL under node_modules/, or null (own code, node: builtins). */
export function packageOf(url: string): string | null {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return m ? m[1]! : null;
}

/** RSS of a bare node that imported `specifier` (from the repository root), minus that of `node -e 0`-alike. */
export function importRss(specifier: string | null): number {
  const script = `${specifier ? `await import(${JSON.stringify(specifier)});` : ''} globalThis.gc(); await new Promise((r) => setTimeout(r, 200)); process.stdout.write(String(process.memoryUsage().rss));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`import ${specifier}: ${r.stderr.slice(-300)}`);
  return Number(r.stdout);
}
