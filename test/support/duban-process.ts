import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `node bin/duban.js <command>` as a child process with its own environment: how the fault
// tests kill a worker for real (SIGKILL) and how the benchmarks measure a real `duban serve`.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/duban.js', import.meta.url));

export interface DubanProcess {
  pid: number;
  /** Every stdout and stderr line so far (progress lines and JSON log lines). */
  lines: string[];
  /** Resolves with the first line matching `re` (seen before or after the call). */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  /** Exit code (or signal name) once it has exited. */
  exited: Promise<number | string | null>;
  readonly running: boolean;
  /** Sends a signal and waits for the exit (bounded). */
  kill(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
  /** Resident set size in bytes (Linux /proc), or null once exited. */
  rssBytes(): number | null;
  /** JSON log lines parsed (lines that are not JSON are skipped). */
  logs(): Record<string, unknown>[];
}

/** `nodeArgs` go before the script, e.g. ['--cpu-prof'] (not allowed in NODE_OPTIONS). */
export function spawnDuban(args: string[], env: Record<string, string>, nodeArgs: string[] = []): DubanProcess {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not spawn duban ${args.join(' ')}`);
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  let running = true;
  const onData = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.on('data', (d: Buffer) => {
      const parts = (rest + d.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        for (const w of [...waiters]) {
          if (w.re.test(line)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
      }
    });
  };
  onData(child.stdout!);
  onData(child.stderr!);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      resolve(code ?? signal);
    }),
  );
  const tail = () => lines.slice(-15).join('\n');

  return {
    pid: child.pid,
    lines,
    exited,
    get running() {
      return running;
    },
    waitForLine(re, timeoutMs = 20_000) {
      const seen = lines.find((l) => re.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`duban ${args.join(' ')}: no line matching ${re} within ${timeoutMs} ms; last lines:\n${tail()}`)), timeoutMs);
        const waiter = { re, resolve: (l: string) => (clearTimeout(timer), resolve(l)) };
        waiters.push(waiter);
        void exited.then((code) => {
          if (!waiters.includes(waiter)) return;
          clearTimeout(timer);
          reject(new Error(`duban ${args.join(' ')} exited (${String(code)}) before printing ${re}; last lines:\n${tail()}`));
        });
      });
    },
    async kill(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (!running) return;
      child.kill(signal);
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
      if ((await Promise.race([exited, timer])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
    rssBytes() {
      if (!running) return null;
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) * 1024 : null;
      } catch {
        return null;
      }
    },
    logs() {
      const out: Record<string, unknown>[] = [];
      for (const l of lines) {
        if (!l.startsWith('{')) continue;
        try {
          out.push(JSON.parse(l) as Record<string, unknown>);
        } catch {
          // progress lines and partial output are not log records
        }
      }
      return out;
    },
  };
}

/** The environment a child duban needs besides its own DATABASE_URL / REDIS_URL / QUEUE_PREFIX. */
export function dubanEnv(over: Record<string, string | undefined>): Record<string, string> {
  const base: Record<string, string | undefined> = {
    HOST: '127.0.0.1',
    PORT: '0',
    // Several processes run at once: each its own metrics port.
    METRICS_PORT: '0',
    LOG_LEVEL: 'error',
    DUBAN_TIMEZONE: 'Asia/Shanghai',
    // The shared test Redis runs without AOF; a test about the durability check unsets this.
    DUBAN_REDIS_VOLATILE_OK: '1',
    ...over,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
