import type { DepartmentResponse, ResponseRate } from './types.ts';

/**
 * Who answered this round. A department is expected when it is responsible for at least one task;
 * it counts as reported when it reported every one of its tasks, partial when only some.
 */
export function responseRate(responses: DepartmentResponse[]): ResponseRate {
  const all = [...responses].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
  return {
    expected: all.length,
    reported: all.filter((d) => d.reported === d.expected).length,
    partial: all
      .filter((d) => d.reported > 0 && d.reported < d.expected)
      .map((d) => ({ name: d.name, reported: d.reported, expected: d.expected })),
    missing: all.filter((d) => d.reported === 0).map((d) => d.name),
  };
}
