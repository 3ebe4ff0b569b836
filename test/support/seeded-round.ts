import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { listReporters } from '../../src/db/repositories/directory.repository.ts';
import { loadPlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { rounds } from '../../src/db/schema/index.ts';
import { buildSignedRequest, type SignedRequest } from '../../src/lark/crypto.ts';
import { cardActionEvent } from '../../src/simulator/events.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import { runStep } from '../../src/usecases/steps.ts';

// The seed plan, its directory and an open round, as rows in a database: what the fault tests and
// the benchmarks send replies against while duban runs as separate processes. The in-process
// scenario (a whole duban against the fake Lark) is `World` in world.ts, built on the same seed.

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEED_FILES = {
  plan: fileURLToPath(new URL('../../samples/cnipa-2021.txt', import.meta.url)),
  directory: fileURLToPath(new URL('../../directory.example.yaml', import.meta.url)),
};
/** Inside the plan year (a Tuesday), so the round is 2021-W23. */
export const BUSINESS_NOW = new Date('2021-06-08T10:00:00+08:00');
export const TIMEZONE = 'Asia/Shanghai';

export const SEED_KEYS = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'fault-app-secret-0123456789',
  encryptKey: 'fault-encrypt-key-5f4e3d2c1b',
  verificationToken: 'fault-verification-token-9a8b7c',
} as const;

/** One (task, department, reporter) a valid reply can be about. */
export interface ReplyTarget {
  planId: number;
  roundId: number;
  departmentId: number;
  taskId: number;
  reporterOpenId: string;
  chatId: string | null;
}

export interface SeededRound {
  planId: number;
  roundId: number;
  /** Every task × responsible department with a reporter, in plan order. */
  targets: ReplyTarget[];
  /** The same for the regional offices following the tasks (the seed's 34 regions), kept apart so the bureau's figures stay comparable. */
  regionTargets: ReplyTarget[];
}

/** Imports the seed plan and directory and opens this week's round (cards are not sent). */
export async function seedRound(db: Db, now: Date = BUSINESS_NOW): Promise<SeededRound> {
  const { planId } = await bootstrapFromFiles(db, SEED_FILES, now);
  if (planId === null) throw new Error('seed plan did not import');
  await runStep('open_round', { db, send: async () => undefined, now: () => now, timezone: TIMEZONE });
  const [round] = await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.planId, planId));
  if (!round) throw new Error('open_round created no round');
  const view = await loadPlanView(db, planId);
  const reportersOf = new Map<number, string[]>();
  const targetsOf = async (units: (t: NonNullable<typeof view>['tasks'][number]) => { departmentId: number }[]) => {
    const out: ReplyTarget[] = [];
    for (const task of view?.tasks ?? []) {
      for (const d of units(task)) {
        if (!reportersOf.has(d.departmentId)) reportersOf.set(d.departmentId, (await listReporters(db, d.departmentId)).map((r) => r.openId));
        const reporter = reportersOf.get(d.departmentId)![0];
        if (reporter) out.push({ planId, roundId: round.id, departmentId: d.departmentId, taskId: task.id, reporterOpenId: reporter, chatId: null });
      }
    }
    return out;
  };
  const targets = await targetsOf((t) => t.departments);
  if (targets.length === 0) throw new Error('no task has a department with a reporter');
  return { planId, roundId: round.id, targets, regionTargets: await targetsOf((t) => t.regions) };
}

let seq = 0;
/** A Lark-like event id, unique per process. */
export const freshEventId = (label = 'ev'): string => `${label}_${randomBytes(6).toString('hex')}_${++seq}`;

export interface ReplyOptions {
  eventId: string;
  status?: string;
  progress?: string;
  note?: string;
  operatorOpenId?: string;
  createTime?: Date;
}

/** A card.action.trigger submitting a report for `target`, shaped as Lark sends it. */
export function replyPayload(target: ReplyTarget, o: ReplyOptions) {
  const t = target.taskId;
  return cardActionEvent({
    eventId: o.eventId,
    appId: SEED_KEYS.appId,
    verificationToken: SEED_KEYS.verificationToken,
    createTime: o.createTime ?? new Date(),
    operator: { openId: o.operatorOpenId ?? target.reporterOpenId },
    cardToken: `c-${randomBytes(8).toString('hex')}`,
    messageId: 'om_round_card',
    chatId: target.chatId ?? 'oc_dept',
    action: {
      tag: 'button',
      value: { kind: 'report', planId: target.planId, roundId: target.roundId, departmentId: target.departmentId, taskId: t },
      formValue: { [`status_${t}`]: o.status ?? 'on_track', [`progress_${t}`]: o.progress ?? '50', [`note_${t}`]: o.note ?? `进展说明 ${o.eventId}` },
    },
  });
}

/** Encrypted and signed with the wall clock, exactly as Lark posts it. */
export function signed(payload: unknown, at: Date = new Date()): SignedRequest {
  return buildSignedRequest(payload, {
    encryptKey: SEED_KEYS.encryptKey,
    timestamp: String(Math.floor(at.getTime() / 1000)),
    nonce: randomBytes(8).toString('hex'),
  });
}

/** POSTs a signed request to /lark/events and returns status and parsed body. */
export async function postSigned(baseUrl: string, req: SignedRequest): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/lark/events`, { method: 'POST', headers: req.headers, body: req.body });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: res.status, body: text };
  }
}

/** True when the webhook answered a card action with the success toast (the reply is queued). */
export const acknowledged = (r: { status: number; body: unknown }): boolean =>
  r.status === 200 && (r.body as { toast?: { type?: string } } | null)?.toast?.type === 'success';

/** Rows of a raw query, on node-postgres (`{rows}`) or PGlite alike. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows: T[] } | T[];
  return Array.isArray(r) ? r : r.rows;
}

/** Rows per table that a refused request must never create. */
export async function writeCounts(db: Db): Promise<{ reports: number; processed: number; currentStatus: number }> {
  const n = async (table: string) => Number((await rows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? 0);
  return { reports: await n('reports'), processed: await n('processed_events'), currentStatus: await n('current_status') };
}

/** Distinct stored reports and duplicates among the given event ids. */
export async function storedOnce(db: Db, eventIds: string[]): Promise<{ stored: number; duplicates: number }> {
  if (eventIds.length === 0) return { stored: 0, duplicates: 0 };
  const [row] = await rows<{ total: number; distinct_ids: number }>(
    db,
    sql`select count(*)::int as total, count(distinct event_id)::int as distinct_ids from reports where event_id = any(${sql.param(eventIds)}::text[])`,
  );
  return { stored: row?.distinct_ids ?? 0, duplicates: (row?.total ?? 0) - (row?.distinct_ids ?? 0) };
}

/** Polls until `check` is truthy or fails with `what` and the last observed value. */
export async function until<T>(what: string, check: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, stepMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await check();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, stepMs));
    last = await check();
  }
  return last;
}
