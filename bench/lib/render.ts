import type { AckFigures } from '../ack.ts';
import type { DispatchFigures } from '../dispatch.ts';
import type { DrainFigures } from '../drain.ts';
import type { ExternalResult } from '../external.ts';
import type { IngestFigures } from '../ingest.ts';
import { notes } from './notes.ts';
import * as md from './report.ts';

/** Everything one run measured (also saved as JSON beside the page). */
export interface Figures {
  startedAt: string;
  quick: boolean;
  machine: { cpus: number; model: string; memGb: number; node: string };
  loadBefore: number[];
  loadAfter: number[];
  ack: AckFigures | null;
  ingest: IngestFigures | null;
  /** The same, every reply on one task × department (issue 12). */
  ingestOneTask?: IngestFigures | null;
  drain: DrainFigures | null;
  replyTx: md.PgbenchFigure | null;
  dispatch: DispatchFigures[];
  memory: md.Memory;
  external: ExternalResult[];
}

export function render(f: Figures): string {
  const rows = [...(f.ack ? md.ackRows(f.ack) : []), ...(f.ingest ? md.ingestRows(f.ingest) : []), ...(f.ingestOneTask ? md.ingestRows(f.ingestOneTask, '2 ingest, one task') : []), ...f.dispatch.flatMap(md.dispatchRows)];
  const load = (xs: number[]) => xs.map((n) => n.toFixed(1)).join(' ');
  return [
    `# duban benchmarks`,
    '',
    `\`npm run bench\`${f.quick ? ' --quick' : ''} — ${f.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${f.machine.cpus} × ${f.machine.model},`,
    `${f.machine.memGb} GB, Node ${f.machine.node}; Postgres and Redis local (127.0.0.1). Load average before/after the run:`,
    `${load(f.loadBefore)} / ${load(f.loadAfter)} (the machine is shared; absolute figures move with it, the`,
    'ratios to the baselines measured in the same run are what to compare).',
    '',
    '## Summary',
    '',
    md.summaryTable(rows),
    ...(f.ack ? ['', '## 1. Card callback acknowledgement', '', md.ackSection(f.ack)] : []),
    ...(f.ingest ? ['', '## 2. Ingest (issue 12: `duban serve --no-workers` + one `duban worker`)', '', md.ingestSection(f.ingest, f.ingestOneTask ?? null), md.ingestDetail(f.ingest, f.drain, f.replyTx)] : []),
    ...(f.dispatch.length ? ['', '## 3. Dispatch', '', md.dispatchSection(f.dispatch)] : []),
    ...(f.external.length ? ['', '## 4. Digest and ask at 1,000 tasks × 50 departments × 52 rounds', '', md.externalSection(f.external)] : []),
    ...(f.memory.idle !== null ? ['', '## 5. Memory', '', md.memorySection(f.memory)] : []),
    '',
    '## Where a target is missed, and why',
    '',
    notes(f),
    '',
  ].join('\n');
}
