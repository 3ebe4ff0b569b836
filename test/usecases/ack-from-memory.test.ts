import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebMemory, type WebMemory } from '../../src/app/access.ts';
import { buildDepartmentCards } from '../../src/cards/department-card.ts';
import { componentNames } from '../../src/cards/limits.ts';
import type { Db, DbHandle } from '../../src/db/client.ts';
import { listenPostgres } from '../../src/db/listen.ts';
import { loadPlanView, type PlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { readAccessVersion } from '../../src/db/repositories/access-snapshot.repository.ts';
import { findRoundById } from '../../src/db/repositories/rounds.repository.ts';
import * as schema from '../../src/db/schema/index.ts';
import type { ParsedDirectory } from '../../src/directory/types.ts';
import type { InboundJob, LarkCardAction } from '../../src/contracts/inbound.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import { createCardActionRoute } from '../../src/usecases/inbound/card-action-route.ts';
import { storeReportJobs } from '../../src/usecases/inbound/store-report-batch.ts';
import { loadDepartmentCardInputs } from '../../src/usecases/rounds/department-card-inputs.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { addRound } from '../support/seed-reports.ts';
import { until } from '../support/seeded-round.ts';

// The common acknowledgement reads nothing from Postgres: every query of the route goes through
// this test's own pool, which counts them. Its answer is the card a full rebuild from the stored
// state gives.
const NOW = new Date('2021-06-08T02:00:00Z');
const TZ = 'Asia/Shanghai';
const ctx = { logger: pino({ level: 'silent' }), now: () => NOW };

describe('the card acknowledgement from memory', () => {
  let t: TestDb;
  let pool: pg.Pool;
  let db: Db;
  let queries = 0;
  let memory: WebMemory;
  let view: PlanView;
  let directory: ParsedDirectory;
  let roundId: number;
  let route: ReturnType<typeof createCardActionRoute>;

  const deptId = (name: string) => view.tasks.flatMap((x) => x.departments).find((d) => d.name === name)!.departmentId;
  const tasksOf = (name: string) => view.tasks.filter((x) => x.departments.some((d) => d.name === name));
  const reporters = (name: string) => directory.departments.find((d) => d.name === name)!.reporters!.map((r) => r.openId);
  const report = (eventId: string, operator: string, taskId: number, departmentId: number, progress: number): LarkCardAction => ({
    eventId,
    operatorOpenId: operator,
    value: { kind: 'report', planId: view.plan.id, roundId, departmentId, taskId },
    formValue: { [`status_${taskId}`]: 'on_track', [`progress_${taskId}`]: String(progress), [`note_${taskId}`]: `第${progress}次`, [`evidence_${taskId}`]: `https://e.gov.cn/${progress}` },
  });

  beforeAll(async () => {
    t = await createTestDb('ack_memory');
    ({ directory } = await bootstrapFromFiles(t.db, { plan: 'samples/cnipa-2021.txt', directory: 'directory.example.yaml' }, NOW));
    view = (await loadPlanView(t.db))!;
    roundId = await addRound(t.db, view.plan.id, '2021-W23');
    // Every query the route makes, pooled or in a transaction, goes through pool.query or a client's query.
    pool = new pg.Pool({ connectionString: t.url, max: 3 });
    const poolQuery = pool.query.bind(pool);
    pool.query = ((...args: unknown[]) => (queries++, (poolQuery as (...a: unknown[]) => unknown)(...args))) as typeof pool.query;
    pool.on('connect', (client) => {
      const q = client.query.bind(client);
      client.query = ((...args: unknown[]) => (queries++, (q as (...a: unknown[]) => unknown)(...args))) as typeof client.query;
    });
    db = drizzle(pool, { schema }) as unknown as Db;
    const handle = { db, listen: async (channel: string, h: Parameters<DbHandle['listen']>[1]) => listenPostgres(pg.Client, t.url, channel, h) } as unknown as DbHandle;
    memory = await openWebMemory(handle, pino({ level: 'silent' }));
    route = createCardActionRoute(db, { timezone: TZ, access: memory.access, cards: memory.cards });
  });
  afterAll(async () => {
    await memory?.close();
    await pool?.end();
    await t?.drop();
  });

  it('reads Postgres for a card it has not answered yet, then never again: authorisation and card from memory', async () => {
    const name = '运用促进司';
    const tasks = tasksOf(name);
    expect(tasks.length).toBeGreaterThan(3);
    queries = 0;
    const first = await route(report('ev_cold', reporters(name)[0]!, tasks[0]!.id, deptId(name), 1), ctx);
    expect(first.toast.type).toBe('success');
    // the cold card: the plan and the department's statuses, read once
    expect(queries).toBeGreaterThan(0);

    queries = 0;
    const answers = [];
    for (let i = 0; i < 30; i++) {
      const task = tasks[i % tasks.length]!;
      const a = await route(report(`ev_warm_${i}`, reporters(name)[i % 2]!, task.id, deptId(name), i + 2), ctx);
      a.afterQueued?.();
      answers.push(a);
    }
    expect(answers.every((a) => a.toast.type === 'success' && a.job?.kind === 'status_report' && a.card)).toBe(true);
    // and refusals are decided from memory too
    const outsider = await route(report('ev_outsider', 'ou_nobody', tasks[0]!.id, deptId(name), 5), ctx);
    expect(outsider.toast).toMatchObject({ type: 'error', content: expect.stringContaining('填报人') });
    expect(queries).toBe(0);
  });

  it('answers with the page a full rebuild from the stored state gives', async () => {
    const name = '保护司';
    const dept = deptId(name);
    const [a, b] = tasksOf(name);
    const actions = [report('ev_p1', reporters(name)[0]!, a!.id, dept, 10), report('ev_p2', reporters(name)[0]!, b!.id, dept, 20), report('ev_p3', reporters(name)[0]!, a!.id, dept, 30)];
    const outcomes = [];
    for (const x of actions) {
      const o = await route(x, ctx);
      // as the dispatcher does once the job is queued
      o.afterQueued?.();
      outcomes.push(o);
    }
    // The worker stores the same jobs, received at the same time.
    const jobs = outcomes.map((o, i) => ({ kind: 'status_report', eventId: actions[i]!.eventId, eventType: 'card.action.trigger', receivedAt: NOW.toISOString(), payload: o.job!.payload }) as InboundJob);
    expect(await storeReportJobs(t.db, jobs, NOW)).toEqual(['processed', 'processed', 'processed']);

    const round = (await findRoundById(t.db, roundId))!;
    const input = (await loadDepartmentCardInputs(t.db, { view, round, departments: [{ id: dept, name }], now: NOW, timezone: TZ })).get(dept)!;
    const full = buildDepartmentCards(input).find((c) => componentNames(c).includes(`form_${a!.id}`));
    expect(outcomes.at(-1)!.card).toEqual({ type: 'raw', data: full });
  });

  it('refuses a reporter removed on another connection once the NOTIFY arrives, still without a query', async () => {
    const name = '运用促进司';
    const [removed] = reporters(name);
    const task = tasksOf(name)[0]!;
    await t.db.delete(schema.reporters).where(and(eq(schema.reporters.openId, removed!), eq(schema.reporters.departmentId, deptId(name))));
    const version = await readAccessVersion(t.db);
    await until('the web memory to hear of the new version', async () => memory.access.version(), (v) => v === version, 10_000, 10);
    queries = 0;
    const out = await route(report('ev_removed', removed!, task.id, deptId(name), 50), ctx);
    expect(out.toast).toMatchObject({ type: 'error', content: expect.stringContaining('您不是「运用促进司」的填报人') });
    expect(out.job).toBeUndefined();
    expect(queries).toBe(0);
  });

  it('does not keep on the card a submission that could not be queued', async () => {
    const name = '保护司';
    const [a] = tasksOf(name);
    const lost = await route(report('ev_not_queued', reporters(name)[0]!, a!.id, deptId(name), 77), ctx);
    expect(JSON.stringify(lost.card)).toContain('第77次');
    // the dispatcher never calls afterQueued: Redis did not take the job, the answer was an error toast
    const next = await route(report('ev_next', reporters(name)[0]!, tasksOf(name)[1]!.id, deptId(name), 78), ctx);
    next.afterQueued?.();
    expect(JSON.stringify(next.card)).not.toContain('第77次');
    expect(JSON.stringify(next.card)).toContain('第30次');
  });
});
