import type { DigestTaskInput, ResponseRate } from './types.ts';

/**
 * Who answered this round. A department is expected when it is responsible for at least one task;
 * it counts as reported when it reported every one of its tasks, partial when only some.
 */
export function responseRate(tasks: DigestTaskInput[]): ResponseRate {
  const byDept = new Map<number, { name: string; expected: number; reported: number }>();
  for (const t of tasks) {
    for (const d of t.departments) {
      let entry = byDept.get(d.departmentId);
      if (!entry) {
        entry = { name: d.name, expected: 0, reported: 0 };
        byDept.set(d.departmentId, entry);
      }
      entry.expected++;
      if (d.reportedThisRound) entry.reported++;
    }
  }
  const all = [...byDept.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
  return {
    expected: all.length,
    reported: all.filter((d) => d.reported === d.expected).length,
    partial: all
      .filter((d) => d.reported > 0 && d.reported < d.expected)
      .map((d) => ({ name: d.name, reported: d.reported, expected: d.expected })),
    missing: all.filter((d) => d.reported === 0).map((d) => d.name),
  };
}
