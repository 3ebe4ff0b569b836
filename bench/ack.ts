import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { replyBodies } from './lib/bodies.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { rssOf, sleep, type BenchEnv } from './lib/setup.ts';

// Benchmark 1: card callback acknowledgement at concurrency 50, duban vs a bare fastify route.

export const ACK_CONNECTIONS = 50;

export interface AckFigures {
  duban: LoadResult;
  bare: LoadResult;
  /** duban at concurrency 5: a busy round's real load, for the latency people see. */
  dubanLow: LoadResult;
  durationS: number;
  /** RSS of the idle bare server (the memory baseline). */
  bareIdleRss: number | null;
}

/** Starts bench/bare-server.ts as a child process (same footing as `duban serve`). */
async function startBare(): Promise<{ url: string; pid?: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bare-server.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare server did not start in 20 s')), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\S+)/.exec(d.toString());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

export async function benchAck(env: BenchEnv, dubanUrl: string, opts: { durationS: number; log: (l: string) => void }): Promise<AckFigures> {
  const bare = await startBare();
  try {
    await sleep(2000);
    const bareIdleRss = rssOf(bare.pid);
    // Enough distinct bodies for duban's run; the bare route may see repeats (it reads nothing).
    const bodies = replyBodies(env.seeded, 4000 * opts.durationS, 'ack');
    const low = replyBodies(env.seeded, 2000 * opts.durationS, 'acklow');
    const warm = replyBodies(env.seeded, 2000, 'warm');
    opts.log(`  warm-up (2 × 2000 requests)…`);
    await runLoad({ url: `${bare.url}/lark/events`, bodies: warm, connections: ACK_CONNECTIONS });
    await runLoad({ url: `${dubanUrl}/lark/events`, bodies: warm, connections: ACK_CONNECTIONS });
    opts.log(`  bare fastify route, ${opts.durationS} s at concurrency ${ACK_CONNECTIONS}…`);
    const bareResult = await runLoad({ url: `${bare.url}/lark/events`, bodies, connections: ACK_CONNECTIONS, durationS: opts.durationS, allowRepeats: true });
    opts.log(`  duban serve, ${opts.durationS} s at concurrency ${ACK_CONNECTIONS}…`);
    const duban = await runLoad({ url: `${dubanUrl}/lark/events`, bodies, connections: ACK_CONNECTIONS, durationS: opts.durationS });
    opts.log(`  duban serve, ${opts.durationS} s at concurrency 5…`);
    const dubanLow = await runLoad({ url: `${dubanUrl}/lark/events`, bodies: low, connections: 5, durationS: opts.durationS });
    return { duban, bare: bareResult, dubanLow, durationS: opts.durationS, bareIdleRss };
  } finally {
    bare.stop();
  }
}
