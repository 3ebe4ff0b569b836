import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Benchmark 4: the digest and ask benchmarks are standalone scripts owned by their features;
// run.ts runs them as they are and folds their results files into results.md.

export interface ExternalResult {
  script: string;
  ok: boolean;
  seconds: number;
  /** Their results file as written by this run (null if the script failed or is missing). */
  markdown: string | null;
  tail: string;
}

export const EXTERNAL = [
  { script: 'bench/digest.ts', results: 'bench/results-digest.md' },
  { script: 'bench/ask.ts', results: 'bench/results-ask.md' },
] as const;

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export async function runExternal(script: string, results: string, log: (l: string) => void): Promise<ExternalResult> {
  const file = `${ROOT}${script}`;
  if (!existsSync(file)) return { script, ok: false, seconds: 0, markdown: null, tail: 'script not present' };
  const started = performance.now();
  log(`  node --import tsx ${script}…`);
  const lines: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => {
      for (const l of d.toString().split('\n')) if (l.trim()) lines.push(l);
      if (lines.length > 200) lines.splice(0, lines.length - 200);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (c) => resolve(c));
  });
  const seconds = (performance.now() - started) / 1000;
  const path = `${ROOT}${results}`;
  const fresh = existsSync(path) && readFileSync(path, 'utf8');
  return { script, ok: code === 0, seconds, markdown: code === 0 && fresh ? fresh : null, tail: lines.slice(-8).join('\n') };
}
