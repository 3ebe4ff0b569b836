// EXPLAIN every status read the answers use, by handing the repository a db whose execute() explains instead of runs.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import * as repo from '../src/db/repositories/status.repository.ts';

export interface PlanCheck {
  label: string;
  /** e.g. "Index Scan reports_version on reports" */
  scans: string[];
  /** a sequential scan of reports or indicator_values: reading history */
  historyScan: boolean;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode, out: string[]): string[] {
  if (node['Relation Name']) out.push(`${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''} on ${node['Relation Name']}`);
  else if (node['Index Name']) out.push(`${node['Node Type']} ${node['Index Name']}`);
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
}

export async function explainAll(db: Db, now: Date): Promise<PlanCheck[]> {
  let captured: PlanNode | null = null;
  const explaining = {
    execute: async (q: SQL) => {
      const r = (await db.execute(sql`explain (format json) ${q}`)) as unknown as { rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] };
      captured = r.rows[0]!['QUERY PLAN'][0]!.Plan;
      return { rows: [] };
    },
  } as unknown as Db;
  const checks: [string, () => Promise<unknown>][] = [
    ['task by number', () => repo.findTaskByNumber(explaining, 1, 500)],
    ['task departments + current status + reporter', () => repo.listTaskDepartments(explaining, 1, 500)],
    ['last four rounds', () => repo.listRecentRounds(explaining, 1, now, 4)],
    ['trend: reports of one task in four rounds', () => repo.listTaskTrend(explaining, 1, 500, now, 4)],
    ['department tasks with status', () => repo.listTaskStatuses(explaining, 1, { kind: 'department', departmentId: 6 })],
    ['tasks with a department blocked', () => repo.listTaskStatuses(explaining, 1, { kind: 'status', status: 'blocked' })],
    ['all tasks with status + reported this round (digest)', () => repo.listTaskStatuses(explaining, 1, { kind: 'all' }, '2021-W52')],
    ['departments not reported this round', () => repo.listRoundResponse(explaining, 1, '2021-W52')],
    ['latest indicator values', () => repo.listIndicatorStatuses(explaining, 1, [1, 2, 3])],
    ['active plan + context fingerprint', () => repo.findActivePlanWithVersions(explaining)],
  ];
  const out: PlanCheck[] = [];
  for (const [label, run] of checks) {
    captured = null;
    await run();
    const scans = captured ? scansOf(captured, []) : [];
    const historyScan = scans.some((s) => s.startsWith('Seq Scan on reports') || s.startsWith('Seq Scan on indicator_values'));
    out.push({ label, scans: [...new Set(scans)], historyScan });
  }
  return out;
}
