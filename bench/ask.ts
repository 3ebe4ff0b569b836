// "Ask the bot" at scale: 1,000 tasks, 50 departments (1–3 per task), 52 weekly rounds of reports.
// Run: node --import tsx bench/ask.ts   (Postgres at postgres://postgres@127.0.0.1:5432; creates and drops duban_bench_ask)
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { migrateDb, openDb, type Db } from '../src/db/client.ts';
import { answerQuestion, createAskCache } from '../src/usecases/ask.ts';
import { appendReport } from '../src/db/repositories/reports.repository.ts';
import { toChineseNumeral } from '../src/domain/query/numerals.ts';
import { cardBytes, countComponents } from '../src/cards/limits.ts';
import { explainAll } from './ask-explain.ts';
import { DEPARTMENT_NAMES, REGION_SHORT_NAMES, REGION_TASK_EVERY, seedSql, TOPICS } from './ask-seed.ts';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'duban_bench_ask';
const URL_ = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
const QUESTIONS = 400;
const REPLY_EVERY = 5;
const NOW = new Date('2021-12-29T02:30:00Z'); // Wednesday 10:30 of 2021-W52 in Shanghai
const TZ = 'Asia/Shanghai';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

/** A deterministic mix of every kind of question people ask (seeded PRNG so runs compare). */
function questions(n: number): string[] {
  let x = 42;
  // the high bits: an LCG's low bits cycle, which skewed the mix once the number of forms became even
  const rnd = (k: number) => ((x = (x * 1103515245 + 12345) % 2147483648), Math.floor(x / 65536) % k);
  const forms = [
    () => `任务${1 + rnd(1000)}进展？`,
    () => `第${toChineseNumeral(1 + rnd(99))}项`,
    () => `#${1 + rnd(1000)}`,
    () => `${1 + rnd(1000)}号任务`,
    () => `${TOPICS[rnd(TOPICS.length)]}进展`,
    () => `${DEPARTMENT_NAMES[rnd(DEPARTMENT_NAMES.length)]}的任务`,
    () => ['哪些任务有风险', '受阻', '逾期', '预警', '已完成的任务'][rnd(5)]!,
    () => '谁还没填报',
    () => ['审查周期', '质押融资', '指标'][rnd(3)]!,
    () => '本周汇总',
    () => ['帮助', '今天天气怎么样'][rnd(2)]!,
    // forms of issue 21: several numbers, topics with fillers, list and summary words, indicators by value
    () => `任务${1 + rnd(1000)}、${1 + rnd(1000)}`,
    () => `${TOPICS[rnd(TOPICS.length)]}那个任务谁负责`,
    () => ['亮红灯的有哪些', '列一下所有任务', '哪些没交', '卡住的'][rnd(4)]!,
    () => ['2400亿那个指标', '商标审查周期现在几个月', '这周总体情况', '2022年指引里的任务3'][rnd(4)]!,
    // issue 15: key points by their own numbers, the regions one by one and as a whole, a task's regions
    () => [`要点${1 + rnd(10)}`, `第${toChineseNumeral(1 + rnd(10))}项要点`, '工作要点'][rnd(3)]!,
    () => `${REGION_SHORT_NAMES[rnd(REGION_SHORT_NAMES.length)]}的进展`,
    () => ['各地区填报情况', `任务${REGION_TASK_EVERY * (1 + rnd(333))}各地区`][rnd(2)]!,
  ];
  return Array.from({ length: n }, () => forms[rnd(forms.length)]!());
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

// --keep leaves the database for profiling; --reuse runs against a kept one without seeding again.
const KEEP = process.argv.includes('--keep');
const REUSE = process.argv.includes('--reuse');

async function main(): Promise<void> {
  if (!REUSE) {
    await admin(`drop database if exists "${DB_NAME}" with (force)`);
    await admin(`create database "${DB_NAME}"`);
  }
  const handle = await openDb({ databaseUrl: URL_, dataDir: '' });
  const lines: string[] = [];
  try {
    await migrateDb(handle);
    const seedClient = new pg.Client({ connectionString: URL_ });
    await seedClient.connect();
    const seedMs = await time(async () => {
      for (const [label, q] of REUSE ? [] : seedSql()) {
        const t = await time(() => seedClient.query(q));
        console.error(`  seed ${label}: ${ms(t)}`);
      }
    });
    const counts = (await seedClient.query(
      `select (select count(*) from tasks where kind = 'task') tasks, (select count(*) from tasks where kind = 'key_point') key_points,
              (select count(*) from assignments where role <> 'region') assignments, (select count(*) from assignments where role = 'region') region_assignments,
              (select count(*) from reports) reports, (select count(*) from current_status) current`,
    )).rows[0] as Record<string, string>;
    await seedClient.end();

    const db = handle.db;
    const cache = createAskCache();
    const opts = { now: NOW, timezone: TZ, cache, asker: 'operator' as const };
    const cold = await time(() => answerQuestion(db, '任务1', opts));
    const qs = questions(QUESTIONS);
    const loadStart = loadavg()[0]!;
    for (const q of qs.slice(0, 30)) await answerQuestion(db, q, opts); // warm-up: plans cached, pool filled

    // Replies keep arriving while people ask: one is stored (untimed) before every REPLY_EVERY-th question,
    // which invalidates the cached statuses, as in a busy reporting week.
    const pairs = (await db.execute(sql`select task_id, department_id from assignments order by 1, 2`)) as unknown as { rows: { task_id: number; department_id: number }[] };
    let replies = 0;
    const storeReply = async (i: number) => {
      const a = pairs.rows[(i * 37) % pairs.rows.length]!;
      await db.transaction((tx) => appendReport(tx, {
        taskId: a.task_id, departmentId: a.department_id, roundId: 52, status: i % 2 ? 'at_risk' : 'on_track', progress: 50, note: '基准测试',
        evidenceUrl: null, reporterOpenId: 'ou_p1', reportedAt: new Date(NOW.getTime() + i * 1000), late: false, eventId: `bench-${i}`,
      }));
      replies++;
    };

    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    let maxBytes = 0;
    let maxComponents = 0;
    for (const [i, q] of qs.entries()) {
      if (i % REPLY_EVERY === 0) await storeReply(i);
      const start = performance.now();
      const r = await answerQuestion(db, q, opts);
      const t = performance.now() - start;
      all.push(t);
      const kind = r.answer.kind;
      byKind.set(kind, [...(byKind.get(kind) ?? []), t]);
      maxBytes = Math.max(maxBytes, cardBytes(r.card));
      maxComponents = Math.max(maxComponents, countComponents(r.card));
    }

    // The digest's worst case: a reply has just arrived, so the plan's statuses are read again.
    const uncached: number[] = [];
    for (let i = 0; i < 40; i++) {
      cache.statuses = null;
      uncached.push(await time(() => answerQuestion(db, '本周汇总', opts)));
    }

    const baseline = async (label: string, q: () => SQL) => {
      const xs: number[] = [];
      for (let i = 0; i < QUESTIONS; i++) xs.push(await time(() => db.execute(q())));
      return { label, p50: pct(xs, 50), p99: pct(xs, 99) };
    };
    const select1 = await baseline('`select 1` round trip', () => sql`select 1`);
    const pk = await baseline('primary-key lookup `select * from tasks where id = $1`', () => sql`select * from tasks where id = ${1 + Math.floor(Math.random() * 1000)}`);

    const p50 = pct(all, 50);
    const p99 = pct(all, 99);
    const plans = await explainAll(db as Db, NOW);

    lines.push(
      '# Ask benchmark',
      '',
      `\`node --import tsx bench/ask.ts\` — ${new Date().toISOString().slice(0, 10)}, Postgres 127.0.0.1 on the same ${cpus().length}-core machine,`,
      `load average during the run ${loadStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (other work was running; timings include that contention).`,
      `Data: ${counts.tasks} tasks and ${counts.key_points} key points, 50 departments and 34 regions, ${counts.assignments} department assignments (1–3 per task),`,
      `${counts.region_assignments} region assignments (every region on one task in ${REGION_TASK_EVERY} and on key points 2, 3, 10), 52 weekly rounds,`,
      `${counts.reports} reports (≈90 % response, 5 % edited twice), ${counts.current} current statuses, 6 indicators × 52 values. Now = 2021-W52.`,
      `Seeding (generate_series): ${REUSE ? 'reused from a previous run' : ms(seedMs)}. ${QUESTIONS} mixed questions after a 30-question warm-up, one at a time, with the`,
      'per-process cache the worker keeps (`createAskCache()`: parser context + plan statuses, both checked against versions read with the plan);',
      `a reply is stored before every ${REPLY_EVERY}th question (${replies} in all, untimed), so cached statuses keep being invalidated as in a busy week.`,
      '',
      '| measure | p50 | p99 |',
      '| --- | --- | --- |',
      `| **answerQuestion, all questions** | **${ms(p50)}** | **${ms(p99)}** (target < 50 ms: ${p99 < 50 ? 'PASS' : 'FAIL'}) |`,
      ...[...byKind.entries()].sort().map(([k, xs]) => `| answerQuestion: ${k} (${xs.length}) | ${ms(pct(xs, 50))} | ${ms(pct(xs, 99))} |`),
      `| 本周汇总 right after a reply (statuses re-read) (40) | ${ms(pct(uncached, 50))} | ${ms(pct(uncached, 99))} |`,
      `| baseline: ${select1.label} | ${ms(select1.p50)} | ${ms(select1.p99)} |`,
      `| baseline: ${pk.label} | ${ms(pk.p50)} | ${ms(pk.p99)} |`,
      '',
      `Ratio answer / \`select 1\`: p50 ${(p50 / select1.p50).toFixed(1)}×, p99 ${(p99 / select1.p99).toFixed(1)}×; answer / primary-key lookup: p50 ${(p50 / pk.p50).toFixed(1)}×, p99 ${(p99 / pk.p99).toFixed(1)}×.`,
      `First question in a cold process (loads the context): ${ms(cold)}. Largest card: ${maxBytes} bytes, ${maxComponents} components.`,
      '',
      'Query plans of the status reads (EXPLAIN on this data; big tables must be reached through an index):',
      '',
      '| read | scans |',
      '| --- | --- |',
      ...plans.map((p) => `| ${p.label} | ${p.scans.join(', ')}${p.historyScan ? ' **(scans report history)**' : ''} |`),
      '',
    );
    writeFileSync(new URL('./results-ask.md', import.meta.url), lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await handle.close();
    if (!KEEP) await admin(`drop database if exists "${DB_NAME}" with (force)`);
  }
}

await main();
