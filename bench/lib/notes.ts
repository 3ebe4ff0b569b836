import type { AckFigures } from '../ack.ts';
import type { DispatchFigures } from '../dispatch.ts';
import type { IngestFigures } from '../ingest.ts';
import type { Memory } from './report.ts';

// The "missed, and why" section: written from what each benchmark measured in this run.

export function notes(f: { ack: AckFigures | null; ingest: IngestFigures | null; dispatch: DispatchFigures[]; memory: Memory }): string {
  const out: string[] = [];
  if (f.ack) out.push(`- Card ack: p99 ${f.ack.duban.p99} ms, ${(f.ack.duban.rps / f.ack.bare.rps).toFixed(2)}× the bare route.`);
  if (f.ingest) out.push(`- Ingest: ${(f.ingest.repliesPerS / f.ingest.pgbench.tps).toFixed(2)}× pgbench.`);
  for (const d of f.dispatch) out.push(`- Dispatch at ${d.appRate}/s: ${(d.perS / 50).toFixed(2)}× of 50/s.`);
  return out.join('\n');
}
