import { DateTime } from 'luxon';

/** One reporting period: an ISO week in the organisation's timezone (docs/architecture.md#domain). */
export interface RoundWindow {
  /** ISO week key, e.g. 2021-W23 */
  key: string;
  /** Monday 00:00 local time */
  startsAt: Date;
  /** the next Monday 00:00 local time (exclusive) */
  endsAt: Date;
}

const KEY_RE = /^(\d{4})-W(\d{2})$/;

function windowOf(monday: DateTime): RoundWindow {
  const start = monday.startOf('day');
  return {
    key: `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`,
    startsAt: start.toJSDate(),
    endsAt: start.plus({ weeks: 1 }).toJSDate(),
  };
}

/** The round containing `now`: the ISO week (Monday to Monday) of `now` seen in `timezone`. */
export function roundFor(now: Date, timezone: string): RoundWindow {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  if (!local.isValid) throw new RangeError(`invalid timezone: ${timezone}`);
  return windowOf(local.startOf('week'));
}

/** The round named by an ISO week key such as 2021-W23; null when the key is not one. */
export function roundByKey(key: string, timezone: string): RoundWindow | null {
  const m = KEY_RE.exec(key);
  if (!m) return null;
  const monday = DateTime.fromObject(
    { weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 },
    { zone: timezone },
  );
  if (!monday.isValid || monday.weekNumber !== Number(m[2])) return null;
  return windowOf(monday);
}

/** The round before `round` (used for "changes since last week"). */
export function previousRound(round: Pick<RoundWindow, 'startsAt'>, timezone: string): RoundWindow {
  return roundFor(new Date(round.startsAt.getTime() - 1), timezone);
}

/**
 * A submission is late once the round has been closed (CLOSE_CRON, Friday 17:00) or its week has
 * passed; late submissions are still stored, only flagged.
 */
export function isLate(reportedAt: Date, round: { endsAt: Date; closedAt?: Date | null }): boolean {
  if (round.closedAt && reportedAt.getTime() >= round.closedAt.getTime()) return true;
  return reportedAt.getTime() >= round.endsAt.getTime();
}

/** Whether `at` falls inside the round's week. */
export function isWithinRound(at: Date, round: Pick<RoundWindow, 'startsAt' | 'endsAt'>): boolean {
  const t = at.getTime();
  return t >= round.startsAt.getTime() && t < round.endsAt.getTime();
}

/** A time as people read it in `timezone`, e.g. 2021-06-09 14:05. */
export function formatLocalTime(at: Date, timezone: string): string {
  return localTimeFormat(timezone)(at);
}

// Building the time-zone rules is the costly part of formatting a time (a card shows one per task):
// done once per zone. Swedish dates are written yyyy-MM-dd HH:mm, the text luxon's format gives; an
// ICU that writes them otherwise gets the slower assembly from parts (test/domain/rounds.test.ts).
const formats = new Map<string, (at: Date) => string>();
const options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
function localTimeFormat(timezone: string): (at: Date) => string {
  let f = formats.get(timezone);
  if (!f) {
    const sv = new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, ...options });
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, ...options });
    const fromParts = (at: Date) => {
      const p = parts.formatToParts(at);
      const part = (type: Intl.DateTimeFormatPartTypes) => p.find((x) => x.type === type)?.value ?? '';
      return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
    };
    const probe = new Date(Date.UTC(2021, 5, 7, 1, 5));
    f = sv.format(probe) === fromParts(probe) ? (at: Date) => sv.format(at) : fromParts;
    formats.set(timezone, f);
  }
  return f;
}

/** The round's week as people read it, e.g. 2021-W23（06-07 至 06-13）. */
export function describeRound(round: RoundWindow, timezone: string): string {
  const start = DateTime.fromJSDate(round.startsAt, { zone: timezone });
  const last = DateTime.fromJSDate(round.endsAt, { zone: timezone }).minus({ days: 1 });
  return `${round.key}（${start.toFormat('MM-dd')} 至 ${last.toFormat('MM-dd')}）`;
}
