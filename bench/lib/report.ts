import { ACK_CONNECTIONS, type AckFigures } from '../ack.ts';
import type { DispatchFigures } from '../dispatch.ts';
import type { ExternalResult } from '../external.ts';
import type { DrainFigures } from '../drain.ts';
import type { IngestFigures } from '../ingest.ts';

// Markdown for bench/results.md: every figure next to the baseline measured in the same run.

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MB`);
export const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

export interface Memory {
  idle: number | null;
  afterAck: number | null;
  afterIngest: number | null;
  bareIdle: number | null;
}

export interface Row {
  bench: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

export function ackRows(a: AckFigures): Row[] {
  const cb = a.duban.rps / a.minimal.rps;
  const ca = a.duban.rps / a.bare.rps;
  const eld = a.duban.loopDelayP99Ms;
  return [
    { bench: '1 card ack', figure: `(c) ${fmt(a.duban.rps, 0)} req/s`, baseline: `(b) least correct ack ${fmt(a.minimal.rps, 0)} req/s`, ratio: `${fmt(cb, 2)}×`, target: '≥ 0.8× (b)', met: cb >= 0.8 },
    { bench: '1 card ack', figure: `(c) ${fmt(a.duban.rps, 0)} req/s`, baseline: `(a) bare ${fmt(a.bare.rps, 0)} req/s`, ratio: `${fmt(ca, 2)}×`, target: '≥ 0.3× (a)', met: ca >= 0.3 },
    { bench: '1 card ack', figure: `(c) p99 ${a.duban.p99} ms (p50 ${a.duban.p50} ms)`, baseline: `(b) p99 ${a.minimal.p99} ms, (a) p99 ${a.bare.p99} ms`, ratio: `${fmt(a.duban.p99 / Math.max(1, a.minimal.p99))}× (b)`, target: 'p99 ≤ 50 ms at c=50', met: a.duban.p99 <= 50 },
    {
      bench: '1 card ack',
      figure: `(c) event-loop delay p99 ${eld === null ? '—' : fmt(eld, 1)} ms`,
      baseline: `(b) ${a.minimal.loopDelayP99Ms === null ? '—' : fmt(a.minimal.loopDelayP99Ms, 1)} ms, (a) ${a.bare.loopDelayP99Ms === null ? '—' : fmt(a.bare.loopDelayP99Ms, 1)} ms`,
      ratio: '—',
      target: '≤ 20 ms',
      met: eld !== null && eld <= 20,
    },
  ];
}

export function ingestRows(i: IngestFigures, bench = '2 ingest'): Row[] {
  const ratio = i.repliesPerS / i.pgbench.tps;
  const clean = i.lost === 0 && i.duplicated === 0 && i.storedUnacked === 0 && (i.currentStale ?? 0) === 0;
  return [
    { bench, figure: `${fmt(i.repliesPerS)} replies/s end to end`, baseline: `pgbench ${fmt(i.pgbench.tps)} inserts/s`, ratio: `${fmt(ratio, 2)}×`, target: '≥ 0.5×', met: ratio >= 0.5 },
    {
      bench,
      figure: `${i.lost} lost, ${i.duplicated} duplicated of ${i.load.acked}${i.currentStale === undefined ? '' : `; ${i.currentStale} current statuses not the last reply`}`,
      baseline: '—',
      ratio: '—',
      target: '0 lost, 0 duplicated, current = last',
      met: clean,
    },
  ];
}

export function dispatchRows(d: DispatchFigures): Row[] {
  const ratio = d.perS / 50;
  const clean = d.sentTwice === 0 && d.repeatedCalls === 0 && d.failedJobs === 0 && d.recorded === d.cards;
  return [
    { bench: `3 dispatch (OUTBOX_APP_RATE=${d.appRate})`, figure: `${fmt(d.perS)} cards/s`, baseline: `Lark limit 50/s; configured ${d.appRate}/s`, ratio: `${fmt(ratio, 2)}× of 50, ${fmt(d.perS / d.appRate, 2)}× of ${d.appRate}`, target: '≥ 0.9× permitted', met: ratio >= 0.9 },
    { bench: `3 dispatch (OUTBOX_APP_RATE=${d.appRate})`, figure: `${d.sentTwice} sent twice, ${d.failedJobs} failed, ${d.throttled429} × 429`, baseline: '—', ratio: '—', target: 'none sent twice, no 429 failing', met: clean },
  ];
}

export function summaryTable(rows: Row[]): string {
  const head = '| benchmark | duban | baseline (same run) | ratio | target | |\n| --- | --- | --- | --- | --- | --- |';
  return [head, ...rows.map((r) => `| ${r.bench} | ${r.figure} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met === null ? '' : verdict(r.met)} |`)].join('\n');
}

export function ackSection(a: AckFigures): string {
  const mb = (b: number | null) => (b === null ? '—' : `${fmt(b / 2 ** 20, 0)} MB`);
  const eld = (v: number | null) => (v === null ? '—' : fmt(v, 1));
  const line = (name: string, r: AckFigures['duban']) =>
    `| ${name} | ${r.sent} | ${fmt(r.rps, 0)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${eld(r.loopDelayP99Ms)} | ${r.acked} | ${r.refused} | ${r.errors + r.timeouts} |`;
  const load = (xs: number[]) => xs.map((n) => n.toFixed(1)).join(' ');
  return [
    `World: ${a.world.units} units × ${a.world.tasks} tasks (${a.world.pairs} task × unit pairs, two reporters per unit, a year of`,
    'reports, the last week\'s round open; `bench/ask-seed.ts`). The same signed, encrypted `card.action.trigger` report',
    `submissions (each a distinct event id, pre-built, round-robin over every pair so every unit's card is busy), ${a.requests}`,
    `per server, autocannon at concurrency ${ACK_CONNECTIONS}, each server a child process warmed up first:`,
    '',
    '- (a) `bench/bare-server.ts`: a fastify route answering the toast, nothing else;',
    '- (b) `bench/minimal-server.ts`: the least a correct acknowledgement needs — raw body, decrypt, signature, timestamp',
    '  and token (duban\'s own `verify.ts`), one BullMQ add under the event id, the toast;',
    '- (c) `duban serve --no-workers` with a `duban worker` beside it storing the replies while the load runs.',
    '',
    `Load average before / after this benchmark: ${load(a.loadBefore)} / ${load(a.loadAfter)}.`,
    '',
    '| server | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | event-loop delay p99 ms | success toasts | other answers | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    line('(a) bare fastify', a.bare),
    line('(b) decrypt + verify + BullMQ add', a.minimal),
    line('(c) duban serve --no-workers', a.duban),
    '',
    `(c) ÷ (b) = ${fmt(a.duban.rps / a.minimal.rps, 2)}× (target ≥ 0.8); (c) ÷ (a) = ${fmt(a.duban.rps / a.bare.rps, 2)}× (target ≥ 0.3).`,
    `RSS of \`duban serve --no-workers\`: ${mb(a.dubanRss.warm)} warmed up, ${mb(a.dubanRss.after)} after the ${a.requests} measured submissions.`,
    `The worker stored ${a.stored} of (c)'s ${a.duban.acked} acknowledged replies; ${a.deadLetters} dead letters.`,
    ...(a.profile
      ? [
          '',
          'CPU profile of (c) over the whole run (`npm run bench -- ack --profile`), self time:',
          '',
          '| where | % | function | % |',
          '| --- | --- | --- | --- |',
          ...a.profile.byPackage.map((p, i) => `| ${p.name} | ${p.pct} | ${a.profile!.byFunction[i]?.name.replace(/\|/g, '\\|') ?? ''} | ${a.profile!.byFunction[i]?.pct ?? ''} |`),
        ]
      : []),
  ].join('\n');
}

export interface PgbenchFigure {
  tps: number;
  clients: number;
  seconds: number;
}

export function ingestDetail(i: IngestFigures, drain: DrainFigures | null, tx: PgbenchFigure | null): string {
  const lines = [
    '',
    'Where the time goes — the same run, taken apart:',
    '',
    '| stage | rate | × pgbench single-row inserts |',
    '| --- | --- | --- |',
    `| webhook alone (acknowledging, route reads + enqueue; above) | ${fmt(i.load.rps)} replies/s | ${fmt(i.load.rps / i.pgbench.tps, 2)}× |`,
  ];
  if (drain) lines.push(`| worker alone: \`duban worker\` draining ${drain.jobs} queued reply jobs (batches of up to 200 per transaction) | ${fmt(drain.perS)} replies/s | ${fmt(drain.perS / i.pgbench.tps, 2)}× |`);
  if (tx) {
    lines.push(`| the reply's own transaction in pgbench (8 statements: event, check, round, version, report, current status; -c ${tx.clients}) | ${fmt(tx.tps)} tx/s | ${fmt(tx.tps / i.pgbench.tps, 2)}× |`);
    if (drain) lines.push('', `The worker reaches ${fmt(drain.perS / tx.tps, 2)}× of what Postgres itself does for the same transaction.`);
  }
  return lines.join('\n');
}

export function ingestSection(i: IngestFigures, one: IngestFigures | null = null): string {
  const runs = [i, ...(one ? [one] : [])];
  const row = (name: string, f: (x: IngestFigures) => string) => `| ${name} | ${runs.map(f).join(' | ')} |`;
  return [
    `Distinct valid report submissions posted through \`/lark/events\` at concurrency 50 to \`duban serve --no-workers\`, stored by one`,
    '`duban worker` beside it; `reports` polled until every acknowledged reply was a row. Baseline: `pgbench -n -f insert.sql',
    `-T ${i.pgbench.seconds} -c ${i.pgbench.clients}\` of a single-row \`insert into inserts (event_id, note) values (…)\` in a scratch database on the same Postgres, measured after each run.`,
    '',
    `| measure | ${runs.map((r) => (r.keys === 1 ? `${r.replies} on one task × department` : `${r.replies} over ${r.keys ?? '?'} task × department pairs`)).join(' | ')} |`,
    `| --- | ${runs.map(() => '---').join(' | ')} |`,
    row('posting (webhook)', (x) => `${fmt(x.load.durationS)} s, ${fmt(x.load.rps, 0)} req/s, p50 ${x.load.p50} ms, p99 ${x.load.p99} ms`),
    row('acknowledged (success toast)', (x) => `${x.load.acked} of ${x.load.sent} (${x.load.refused} other answers, ${x.load.errors + x.load.timeouts} errors)`),
    row('end to end (first request → last row)', (x) => `${fmt(x.endToEndS)} s`),
    row('last row after the last acknowledgement', (x) => `${fmt(Math.max(0, x.endToEndS - x.load.durationS), 1)} s`),
    row('**replies/s end to end**', (x) => `**${fmt(x.repliesPerS)}**`),
    row('pgbench single-row inserts/s', (x) => fmt(x.pgbench.tps)),
    row('ratio', (x) => `${fmt(x.repliesPerS / x.pgbench.tps, 2)}× (target ≥ 0.5×)`),
    row('stored / lost / duplicated / stored without ack', (x) => `${x.stored} / ${x.lost} / ${x.duplicated} / ${x.storedUnacked}`),
    row('pairs whose current status is not the reply received last', (x) => String(x.currentStale ?? '—')),
  ].join('\n');
}

export function dispatchSection(ds: DispatchFigures[]): string {
  return [
    '1,000 cards to 200 chats (5 each) enqueued through the outbox into a `duban worker` child process; the fake Lark',
    'enforces 50/s per app and 5/s per chat over sliding one-second windows (and answers 429 beyond them).',
    '',
    '| OUTBOX_APP_RATE | cards/s (enqueue → last accepted) | steady cards/s | × Lark 50/s | × configured | peak app /s | peak chat /s | median job ms | 429s | failed jobs | sent twice | sent_messages rows |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...ds.map(
      (d) =>
        `| ${d.appRate} | ${fmt(d.perS)} | ${fmt(d.steadyPerS)} | ${fmt(d.perS / 50, 2)} | ${fmt(d.perS / d.appRate, 2)} | ${d.peakAppPerS} | ${d.peakChatPerS} | ${d.medianCallMs} | ${d.throttled429} | ${d.failedJobs} | ${d.sentTwice + d.repeatedCalls} | ${d.recorded} |`,
    ),
  ].join('\n');
}

export function memorySection(m: Memory): string {
  const ratio = (b: number | null) => (b !== null && m.bareIdle ? `${fmt(b / m.bareIdle, 1)}×` : 'n/a');
  return [
    'Resident set size (VmRSS) of the `duban serve` child process; baseline: the idle bare fastify server (also Node + tsx).',
    '',
    '| process | RSS | × bare idle |',
    '| --- | --- | --- |',
    `| bare fastify, idle | ${mb(m.bareIdle)} | 1.0× |`,
    `| duban serve, idle (3 s after start) | ${mb(m.idle)} | ${ratio(m.idle)} |`,
    `| duban serve, after benchmark 1 | ${mb(m.afterAck)} | ${ratio(m.afterAck)} |`,
    `| duban serve, after benchmark 2 | ${mb(m.afterIngest)} | ${ratio(m.afterIngest)} |`,
  ].join('\n');
}

/** Their results files, headings pushed two levels down. */
export function externalSection(xs: ExternalResult[]): string {
  return xs
    .map((x) => {
      if (!x.markdown) return `#### ${x.script}\n\nDid not produce results in this run (${x.ok ? 'no results file' : 'failed'}):\n\n\`\`\`\n${x.tail}\n\`\`\``;
      return `${x.markdown.trim().replace(/^(#+) /gm, '$1## ')}\n\n(${x.script} ran ${fmt(x.seconds, 0)} s in this run.)`;
    })
    .join('\n\n');
}
