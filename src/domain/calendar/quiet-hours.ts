import type { DateTime } from 'luxon';

/**
 * Hours in which no reminder is sent, in the organisation's timezone: from `start` to `end`
 * (minutes after midnight), wrapping past midnight when start > end (20:00–08:00).
 */
export interface QuietHours {
  start: number;
  end: number;
}

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

const minutes = (s: string): number | null => {
  const m = HHMM.exec(s.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** `20:00-08:00` → quiet hours; `off` → null (none); anything else → an Error saying what is wrong. */
export function parseQuietHours(text: string): QuietHours | null | Error {
  const t = text.trim();
  if (t === 'off' || t === '') return null;
  const [a, b, ...rest] = t.split(/\s*[-–~]\s*/);
  const start = minutes(a ?? '');
  const end = minutes(b ?? '');
  if (rest.length || start === null || end === null) return new Error(`「${text}」不是时段，应写作 HH:MM-HH:MM（例如 20:00-08:00），或 off 表示不设免打扰`);
  if (start === end) return new Error(`「${text}」起止相同；不设免打扰请写 off`);
  return { start, end };
}

export const formatMinutes = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export const describeQuietHours = (q: QuietHours): string => `${formatMinutes(q.start)}–${formatMinutes(q.end)}`;

/** Whether a local time falls in the quiet hours (start inclusive, end exclusive). */
export function isQuiet(local: DateTime, q: QuietHours): boolean {
  const m = local.hour * 60 + local.minute;
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/** The end of the quiet period `local` is in: the next time the clock reads `end`. */
export function endOfQuiet(local: DateTime, q: QuietHours): DateTime {
  const atEnd = local.set({ hour: Math.floor(q.end / 60), minute: q.end % 60, second: 0, millisecond: 0 });
  return atEnd > local ? atEnd : atEnd.plus({ days: 1 });
}
