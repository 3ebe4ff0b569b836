import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { rounds } from '../schema/index.ts';
import type { NewReport } from './reports.repository.ts';
import { rows } from './status-rows.ts';

// Many accepted replies stored in one transaction with a fixed number of statements, whatever the
// batch size: each statement takes the whole batch as one JSON parameter (jsonb_to_recordset works
// the same on Postgres and PGlite). Keys are locked in one order, so two batches never deadlock.

/** A report as the batch writer stores it: the single-reply shape plus the Lark event type. */
export interface BatchReport extends NewReport {
  eventType: string;
}

export type BatchResult = { eventId: string; stored: true; reportId: number; version: number } | { eventId: string; stored: false; reason: 'duplicate' };

const keyOf = (r: { taskId: number; departmentId: number; roundId: number }) => `${r.taskId}:${r.departmentId}:${r.roundId}`;
const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/**
 * Stores `items` inside the caller's transaction: records each event id (a redelivered one is a
 * duplicate and stores nothing), hands out versions per task × department × round in array order,
 * appends the reports and moves each key's current status to its latest reply by `reportedAt`
 * (a reply older than the stored current status does not move it back). Pass items of one key in
 * the order they were received.
 */
export async function writeReportBatch(tx: DbOrTx, items: BatchReport[], processedAt: Date): Promise<BatchResult[]> {
  const unique = [...new Map(items.map((i) => [i.eventId, i])).values()];
  if (unique.length === 0) return [];
  const fresh = new Set(
    (
      await rows<{ eventId: string }>(
        tx,
        sql`insert into processed_events (event_id, event_type, processed_at)
            select e.event_id, e.event_type, ${processedAt.toISOString()}::timestamptz
            from jsonb_to_recordset(${json(unique.map((i) => ({ event_id: i.eventId, event_type: i.eventType })))}) as e(event_id text, event_type text)
            on conflict (event_id) do nothing
            returning event_id as "eventId"`,
      )
    ).map((r) => r.eventId),
  );
  const todo = unique.filter((i) => fresh.has(i.eventId));
  const results = new Map<string, BatchResult>();
  for (const i of items) results.set(i.eventId, { eventId: i.eventId, stored: false, reason: 'duplicate' });
  if (todo.length > 0) {
    const versions = await allocateVersions(tx, todo);
    const withVersions = todo.map((i) => ({ ...i, version: versions.get(i.eventId)! }));
    const inserted = await rows<{ id: number; eventId: string }>(
      tx,
      sql`insert into reports (task_id, department_id, round_id, version, status, progress, note, evidence_url, evidence_file_id, reporter_open_id, reported_at, late, event_id)
          select r.task_id, r.department_id, r.round_id, r.version, r.status, r.progress, r.note, r.evidence_url, r.evidence_file_id, r.reporter_open_id, r.reported_at, r.late, r.event_id
          from jsonb_to_recordset(${json(
            withVersions.map((i) => ({
              task_id: i.taskId,
              department_id: i.departmentId,
              round_id: i.roundId,
              version: i.version,
              status: i.status,
              progress: i.progress,
              note: i.note,
              evidence_url: i.evidenceUrl,
              evidence_file_id: i.evidenceFileId ?? null,
              reporter_open_id: i.reporterOpenId,
              reported_at: i.reportedAt.toISOString(),
              late: i.late,
              event_id: i.eventId,
            })),
          )}) as r(task_id int, department_id int, round_id int, version int, status text, progress int, note text, evidence_url text, evidence_file_id int,
                   reporter_open_id text, reported_at timestamptz, late boolean, event_id text)
          returning id, event_id as "eventId"`,
    );
    const idOf = new Map(inserted.map((r) => [r.eventId, Number(r.id)]));
    for (const i of withVersions) results.set(i.eventId, { eventId: i.eventId, stored: true, reportId: idOf.get(i.eventId)!, version: i.version });
    await moveCurrentStatus(tx, withVersions, idOf);
  }
  return items.map((i) => results.get(i.eventId)!);
}

/**
 * Versions for `items` (array order within a key): one upsert per key of report_versions, whose
 * row lock makes a concurrent writer of the same key wait for this transaction instead of failing
 * on reports_version. A key seen for the first time starts after the reports already stored.
 */
async function allocateVersions(tx: DbOrTx, items: BatchReport[]): Promise<Map<string, number>> {
  const counts = new Map<string, { task_id: number; department_id: number; round_id: number; n: number }>();
  for (const i of items) {
    const k = keyOf(i);
    const c = counts.get(k) ?? { task_id: i.taskId, department_id: i.departmentId, round_id: i.roundId, n: 0 };
    c.n++;
    counts.set(k, c);
  }
  const keys = [...counts.values()].sort((a, b) => a.task_id - b.task_id || a.department_id - b.department_id || a.round_id - b.round_id);
  const recordset = sql`jsonb_to_recordset(${json(keys)}) as k(task_id int, department_id int, round_id int, n int)`;
  await tx.execute(
    sql`insert into report_versions (task_id, department_id, round_id, last)
        select k.task_id, k.department_id, k.round_id,
          coalesce((select max(r.version) from reports r where r.task_id = k.task_id and r.department_id = k.department_id and r.round_id = k.round_id), 0)
        from ${recordset} order by 1, 2, 3
        on conflict (task_id, department_id, round_id) do nothing`,
  );
  const lasts = await rows<{ taskId: number; departmentId: number; roundId: number; last: number }>(
    tx,
    sql`insert into report_versions (task_id, department_id, round_id, last)
        select k.task_id, k.department_id, k.round_id, k.n from ${recordset} order by 1, 2, 3
        on conflict (task_id, department_id, round_id) do update set last = report_versions.last + excluded.last
        returning task_id as "taskId", department_id as "departmentId", round_id as "roundId", last`,
  );
  const next = new Map(lasts.map((l) => [keyOf(l), Number(l.last) - counts.get(keyOf(l))!.n + 1]));
  const out = new Map<string, number>();
  for (const i of items) {
    const k = keyOf(i);
    const v = next.get(k)!;
    out.set(i.eventId, v);
    next.set(k, v + 1);
  }
  return out;
}

/** One upsert per task × department: the batch's latest reply, unless the stored one is newer. */
async function moveCurrentStatus(tx: DbOrTx, items: (BatchReport & { version: number })[], idOf: Map<string, number>): Promise<void> {
  const latest = new Map<string, BatchReport>();
  for (const i of items) {
    const k = `${i.taskId}:${i.departmentId}`;
    const prev = latest.get(k);
    if (!prev || prev.reportedAt.getTime() <= i.reportedAt.getTime()) latest.set(k, i);
  }
  const list = [...latest.values()]
    .sort((a, b) => a.taskId - b.taskId || a.departmentId - b.departmentId)
    .map((i) => ({
      task_id: i.taskId,
      department_id: i.departmentId,
      report_id: idOf.get(i.eventId),
      round_id: i.roundId,
      status: i.status,
      progress: i.progress,
      note: i.note,
      reporter_open_id: i.reporterOpenId,
      reported_at: i.reportedAt.toISOString(),
    }));
  await tx.execute(
    sql`insert into current_status (task_id, department_id, report_id, round_id, status, progress, note, reporter_open_id, reported_at)
        select c.task_id, c.department_id, c.report_id, c.round_id, c.status, c.progress, c.note, c.reporter_open_id, c.reported_at
        from jsonb_to_recordset(${json(list)}) as c(task_id int, department_id int, report_id int, round_id int, status text, progress int,
                                                    note text, reporter_open_id text, reported_at timestamptz)
        order by 1, 2
        on conflict (task_id, department_id) do update set
          report_id = excluded.report_id, round_id = excluded.round_id, status = excluded.status, progress = excluded.progress,
          note = excluded.note, reporter_open_id = excluded.reporter_open_id, reported_at = excluded.reported_at
        -- A late-arriving older reply must not move the current status backwards.
        where current_status.reported_at <= excluded.reported_at`,
  );
}

export interface RoundWindow {
  id: number;
  planId: number;
  endsAt: Date;
  closedAt: Date | null;
}

/** The rounds a batch refers to, by id (what lateness and the plan check need). */
export async function findRoundWindows(tx: DbOrTx, ids: number[]): Promise<Map<number, RoundWindow>> {
  if (ids.length === 0) return new Map();
  const found = await tx
    .select({ id: rounds.id, planId: rounds.planId, endsAt: rounds.endsAt, closedAt: rounds.closedAt })
    .from(rounds)
    .where(inArray(rounds.id, ids));
  return new Map(found.map((r) => [r.id, r]));
}
