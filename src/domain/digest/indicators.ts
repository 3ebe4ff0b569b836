import type { Comparator } from '../../plan/types.ts';
import type { DigestIndicatorInput, IndicatorSummary } from './types.ts';

/** Whether a reported value meets its target under the document's comparator (压减至 ≤, 稳定在 =, 达 ≥, 超过 >). */
export function meetsTarget(value: number, comparator: Comparator, target: number): boolean {
  switch (comparator) {
    case '<=':
      return value <= target;
    case '>=':
      return value >= target;
    case '>':
      return value > target;
    case '=':
      // 稳定在 4 个月: equal within rounding of the reported figure
      return Math.abs(value - target) < 1e-9;
  }
}

export function summariseIndicators(indicators: DigestIndicatorInput[]): IndicatorSummary[] {
  return indicators.map((i) => ({
    name: i.name,
    comparator: i.comparator,
    target: i.target,
    unit: i.unit,
    value: i.latest?.value ?? null,
    reportedAt: i.latest ? i.latest.reportedAt.toISOString() : null,
    met: i.latest ? meetsTarget(i.latest.value, i.comparator, i.target) : null,
  }));
}
