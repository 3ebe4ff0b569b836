// A cron pattern in words for people (「每周一 09:00」), for the common shapes duban's schedules
// take: fixed minute and hour, every day of the month, every month, a set of weekdays. Anything
// else is shown as the pattern itself; `duban doctor` adds the next run to either.

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六', '日'];
const NAMES: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

const num = (s: string, max: number): number | null => {
  const n = /^\d+$/.test(s) ? Number(s) : (NAMES[s.toUpperCase()] ?? NaN);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : null;
};

/** Weekday numbers (0–6) of a cron day-of-week field, or null when it is not a plain list/range. */
function weekdays(field: string): number[] | null {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [a, b] = part.split('-');
    const from = num(a ?? '', 7);
    const to = b === undefined ? from : num(b, 7);
    if (from === null || to === null || to < from) return null;
    for (let d = from; d <= to; d++) out.add(d % 7);
  }
  return [...out].sort((x, y) => ((x || 7) - (y || 7)));
}

function weekdayWords(days: number[]): string {
  if (days.length === 7) return '每天';
  const sorted = days.map((d) => d || 7);
  const consecutive = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (consecutive && sorted.length > 2) return `每周${WEEKDAYS[sorted[0]!]}至周${WEEKDAYS[sorted.at(-1)!]}`;
  return `每周${days.map((d) => WEEKDAYS[d]).join('、')}`;
}

export function cronInWords(pattern: string): string {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5) return pattern;
  const [min, hour, dom, mon, dow] = fields as [string, string, string, string, string];
  const m = num(min, 59);
  const h = num(hour, 23);
  if (m === null || h === null || mon !== '*') return pattern;
  const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  if (dom === '*' && dow === '*') return `每天 ${time}`;
  if (dom === '*') {
    const days = weekdays(dow);
    return days ? `${weekdayWords(days)} ${time}` : pattern;
  }
  const d = num(dom, 31);
  if (d !== null && d >= 1 && dow === '*') return `每月 ${d} 日 ${time}`;
  return pattern;
}
