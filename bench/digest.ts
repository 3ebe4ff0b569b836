// Weekly digest at scale: 1,000 tasks × 50 departments × 52 weekly rounds of reports.
// Run: npx tsx bench/digest.ts   (needs Postgres at postgres://postgres@127.0.0.1:5432)
//   --keep   keep the seeded database afterwards
//   --reuse  measure against the database a previous --keep run left (skips the ~50 s seeding; kept)
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDb, openDb, type DbHandle } from '../src/db/client.ts';
import { composeDigest, recordDigest } from '../src/usecases/digest.ts';
import { cardBytes, countComponents } from '../src/cards/limits.ts';
import { KNOWN_REGIONS } from '../src/directory/regions.ts';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'duban_bench_digest';
const TASKS = 1000;
const DEPTS = 50;
const WEEKS = 52;
/** Issue 15: the 34 regional offices, each following one task in REGION_TASK_EVERY and key points 2, 3, 10. */
const REGIONS = KNOWN_REGIONS.length;
const REGION_TASK_EVERY = 3;
const KEY_POINTS = 10;
const RUNS = 9;
const WARMUP = 2;
const NOW = new Date('2021-12-31T09:30:00Z'); // Friday 17:30 of 2021-W52 in Asia/Shanghai
const TZ = 'Asia/Shanghai';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function admin(query: string): Promise<number> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return (await c.query(query)).rowCount ?? 0;
  } finally {
    await c.end();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Seeds the bench database in one session of its own; returns how long it took. */
async function seedDatabase(handle: DbHandle): Promise<number> {
  await migrateDb(handle);
  // Seeding runs in one session of its own: foreign-key triggers off and the report indexes
  // rebuilt after the bulk insert, which is how a bulk load is done (minutes become seconds).
  const seed = new pg.Client({ connectionString: ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`) });
  // a dropped connection fails the running query; this keeps it from also crashing the process
  seed.on('error', () => {});
  await seed.connect();
  const step = async (label: string, q: string) => {
    const [, t] = await timed(() => seed.query(q));
    console.error(`  ${label}: ${ms(t)}`);
  };
  console.error(`seeding ${TASKS} tasks × ${DEPTS} departments × ${WEEKS} rounds …`);
  const [, seedMs] = await timed(async () => {
    await step('session', `set session_replication_role = replica; set synchronous_commit = off; set maintenance_work_mem = '512MB';
      drop index reports_version, reports_round, reports_task_dept_time, reports_dept_round; alter table reports drop constraint reports_event_id_unique;`);
    await step('plan, sections, departments, people', `
      insert into plans (key, title, year, report_deadline, report_to, source_hash, imported_at)
        values ('bench', '推动知识产权高质量发展年度工作指引（2021）', 2021, '2021-12-15', '运用促进司', 'h', now());
      insert into sections (plan_id, number, title) select 1, s, '第' || s || '部分：加强知识产权保护与运用' from generate_series(1, 20) s;
      insert into departments (name) select '部门' || d from generate_series(1, ${DEPTS}) d;
      insert into people (open_id, name) select 'ou_' || d, '填报人' || d from generate_series(1, ${DEPTS}) d;
      insert into chats (chat_id, name, kind) values ('oc_leader', '局领导', 'leadership');`);
    await step('tasks, assignments', `
      insert into tasks (plan_id, number, title, section_number, deadline_kind, content_hash)
        select 1, t, '任务' || t || '：深入推进知识产权领域重点工作', (t % 20) + 1, case when t % 3 = 0 then 'milestone' else 'year_end' end, md5(t::text)
        from generate_series(1, ${TASKS}) t;
      insert into assignments (task_id, department_id, position, role)
        select t, d, (d + t) % ${DEPTS}, case when (d + t) % ${DEPTS} = 0 then 'lead' else 'co' end
        from generate_series(1, ${TASKS}) t, generate_series(1, ${DEPTS}) d;`);
    await step('regions, key points and their assignments', `
      insert into departments (name, kind) select unnest(array[${KNOWN_REGIONS.map((r) => `'${r.name}'`).join(',')}]), 'region';
      insert into assignments (task_id, department_id, position, role)
        select t, d.id, ${DEPTS} + d.id, 'region' from generate_series(1, ${TASKS}) t, departments d
        where d.kind = 'region' and t % ${REGION_TASK_EVERY} = 0;
      insert into tasks (plan_id, number, title, kind, content_hash)
        select 1, k, '工作要点' || k || '：健全知识产权保护和运用政策体系', 'key_point', md5('kp' || k) from generate_series(1, ${KEY_POINTS}) k;
      insert into assignments (task_id, department_id, position, role)
        select t.id, 1 + (t.number * 5) % ${DEPTS}, 0, 'lead' from tasks t where t.kind = 'key_point' and t.number not in (2, 10);
      insert into assignments (task_id, department_id, position, role)
        select t.id, d.id, ${DEPTS} + d.id, 'region' from tasks t, departments d
        where t.kind = 'key_point' and t.number in (2, 3, 10) and d.kind = 'region';`);
    await step('rounds', `
      insert into rounds (plan_id, key, starts_at, ends_at, opened_at, closed_at)
        select 1, '2021-W' || lpad(w::text, 2, '0'),
               timestamptz '2021-01-04 00:00+08' + (w - 1) * interval '1 week',
               timestamptz '2021-01-04 00:00+08' + w * interval '1 week',
               timestamptz '2021-01-04 09:00+08' + (w - 1) * interval '1 week',
               case when w < ${WEEKS} then timestamptz '2021-01-08 17:00+08' + (w - 1) * interval '1 week' end
        from generate_series(1, ${WEEKS}) w;`);
    // Every department reports every task every week, except that one in seven skips the last week.
    for (let from = 1; from <= WEEKS; from += 13) {
      const to = Math.min(WEEKS, from + 12);
      await step(`reports of weeks ${from}–${to}`, `
        insert into reports (task_id, department_id, round_id, version, status, progress, note, reporter_open_id, reported_at, late)
          select t, d, w, 1,
                 (array['on_track','on_track','on_track','at_risk','blocked','not_started','done'])[1 + (t * 7 + d * 13 + w) % 7],
                 least(100, w * 2), '第' || w || '周进展：按计划推进相关工作，协调有关单位落实配套措施。',
                 'ou_' || d, timestamptz '2021-01-06 10:00+08' + (w - 1) * interval '1 week' + (d * interval '1 minute'), (t + d + w) % 11 = 0
          from generate_series(${from}, ${to}) w, generate_series(1, ${TASKS}) t, generate_series(1, ${DEPTS}) d
          where w < ${WEEKS} or d % 7 <> 0;`);
    }
    // The regions and the key points' units report every week too; one region in three skips the last week.
    await step('reports of the regions and of the key points', `
      insert into reports (task_id, department_id, round_id, version, status, progress, note, reporter_open_id, reported_at, late)
        select a.task_id, a.department_id, w, 1,
               (array['on_track','on_track','on_track','at_risk','blocked','not_started','done'])[1 + (a.task_id * 7 + a.department_id * 13 + w) % 7],
               least(100, w * 2), '第' || w || '周进展：本地区按计划推进落实举措。',
               'ou_' || (1 + a.department_id % ${DEPTS}), timestamptz '2021-01-06 10:00+08' + (w - 1) * interval '1 week' + (a.department_id * interval '1 minute'), false
        from assignments a join departments d on d.id = a.department_id join tasks t on t.id = a.task_id, generate_series(1, ${WEEKS}) w
        where (a.role = 'region' or t.kind = 'key_point') and (w < ${WEEKS} or a.department_id % 3 <> 0);`);
    await step('report indexes', `
      create unique index reports_version on reports (task_id, department_id, round_id, version);
      create index reports_round on reports (round_id);
      create index reports_task_dept_time on reports (task_id, department_id, reported_at);
      create index reports_dept_round on reports (department_id, round_id, task_id, late);
      alter table reports add constraint reports_event_id_unique unique (event_id);`);
    await step('current_status', `
      insert into current_status (task_id, department_id, report_id, round_id, status, progress, note, reporter_open_id, reported_at)
        select distinct on (task_id, department_id) task_id, department_id, id, round_id, status, progress, note, reporter_open_id, reported_at
        from reports order by task_id, department_id, reported_at desc;`);
    await step('indicators and values', `
      insert into indicators (plan_id, position, name, comparator, value, unit)
        select 1, i, '指标' || i, (array['<=','=','>=','>'])[1 + i % 4], 100, '项' from generate_series(1, 10) i;
      insert into indicator_values (indicator_id, round_id, value, reporter_open_id, reported_at)
        select i, w, 80 + w, 'ou_1', timestamptz '2021-01-06 10:00+08' + (w - 1) * interval '1 week'
        from generate_series(1, 10) i, generate_series(1, ${WEEKS}) w;`);
    await step('vacuum analyze', 'vacuum analyze');
    await step('checkpoint', 'checkpoint');
  });
  await seed.end();
  return seedMs;
}

async function main(): Promise<void> {
  const reuse = process.argv.includes('--reuse') && (await admin(`select 1 from pg_database where datname = '${DB_NAME}'`)) > 0;
  if (!reuse) {
    await admin(`drop database if exists "${DB_NAME}" with (force)`);
    await admin(`create database "${DB_NAME}"`);
  }
  const handle = await openDb({ databaseUrl: ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`), dataDir: '' });
  try {
    let seedMs = NaN;
    if (!reuse) seedMs = await seedDatabase(handle);
    else console.error(`reusing the seeded database ${DB_NAME}`);
    const db = handle.db;
    // Every digest after the first compares against the one stored the week before, so the
    // measured one reads 2021-W51's model of all 1,000 tasks (stored once; kept by --reuse).
    const lastWeek = new Date(NOW.getTime() - 7 * 86_400_000);
    await recordDigest(db, await composeDigest(db, { now: lastWeek, timezone: TZ }), lastWeek);

    const baselineRuns: number[] = [];
    const digestRuns: number[] = [];
    let bytes = 0;
    let components = 0;
    let redCount = 0;
    let moves = 0;
    let cold = 0;
    for (let i = 0; i < WARMUP; i++) {
      const [, t] = await timed(() => composeDigest(db, { now: NOW, timezone: TZ }));
      if (i === 0) cold = t;
    }
    for (let i = 0; i < RUNS; i++) {
      const [, base] = await timed(() => db.execute(sql`select count(*) from current_status`));
      baselineRuns.push(base);
      // composeDigest reads the database, builds the model and the card (buildDigestCard)
      const [d, t] = await timed(() => composeDigest(db, { now: NOW, timezone: TZ }));
      const card = d.card;
      redCount = d.model.redList.length;
      moves = d.model.changes.moves.length;
      digestRuns.push(t);
      bytes = cardBytes(card);
      components = countComponents(card);
    }
    const base = median(baselineRuns);
    const digest = median(digestRuns);
    const counted = (await db.execute(sql`select (select count(*) from assignments where role = 'region')::int as pairs,
      (select count(*) from reports r join assignments a on a.task_id = r.task_id and a.department_id = r.department_id
        join tasks t on t.id = a.task_id where a.role = 'region' or t.kind = 'key_point')::int as reports`)) as unknown as { rows: { pairs: number; reports: number }[] };
    const regionPairs = counted.rows[0]!.pairs;
    const regionReports = counted.rows[0]!.reports;
    const last = await composeDigest(db, { now: NOW, timezone: TZ });
    const g = last.model.regionResponse;
    const k = last.model.keyPoints;
    const regionLine = `${g ? `各地区 ${g.reported}/${g.expected} reported in full, ${g.missing.length} not at all` : 'none'}; key points ${k ? `${k.count}, ${k.unitsReported}/${k.unitsExpected} unit answers this round` : 'none'}`;
    const verdict = digest < 1000 ? 'PASS' : 'FAIL';
    const load = loadavg()[0]!.toFixed(1);
    const report = `# Digest benchmark

\`npx tsx bench/digest.ts\` — ${new Date().toISOString().slice(0, 10)}, Postgres at 127.0.0.1, ${TASKS} tasks × ${DEPTS} departments × ${WEEKS} weekly rounds
(${(TASKS * DEPTS * WEEKS).toLocaleString('en')} reports minus the last week of 1 in 7 departments; ${(TASKS * DEPTS).toLocaleString('en')} current statuses), now = 2021-W52, with the 2021-W51 digest stored.
Regions (issue 15): ${REGIONS} regional offices, each following one task in ${REGION_TASK_EVERY} (${regionPairs.toLocaleString('en')} task × region pairs) and key points 2, 3 and 10 of ${KEY_POINTS};
they report every week (one region in three skips the last): ${regionReports.toLocaleString('en')} more reports.

| measure | value |
| --- | --- |
| seeding (generate_series) | ${reuse ? 'reused a database seeded earlier (--reuse)' : ms(seedMs)} |
| composeDigest + buildDigestCard, first (cold) run, not counted | ${ms(cold)} |
| composeDigest + buildDigestCard, median of ${RUNS} after ${WARMUP} warm-up runs | **${ms(digest)}** (target < 1000 ms: ${verdict}) |
| composeDigest + buildDigestCard, fastest | ${ms(Math.min(...digestRuns))} |
| composeDigest + buildDigestCard, slowest | ${ms(Math.max(...digestRuns))} |
| baseline \`select count(*) from current_status\`, median | ${ms(base)} |
| ratio digest / baseline | ${(digest / base).toFixed(1)}× |
| card size | ${bytes} bytes (limit 30720), ${components} components (limit 200) |
| regions in the card | ${regionLine} |
| red-list tasks summarised | ${redCount} |
| status changes against the stored 2021-W51 digest | ${moves} |
| machine load average (1 min) at the end | ${load} on 2 cores |

The baseline runs in the same loop, so the ratio stays comparable when the machine is shared;
absolute times grow with the load average (other work on the same 2 cores).
`;
    writeFileSync(new URL('./results-digest.md', import.meta.url), report);
    console.log(report);
  } finally {
    await handle.close();
    if (!process.argv.includes('--keep') && !reuse) await admin(`drop database if exists "${DB_NAME}" with (force)`);
  }
}

await main();
