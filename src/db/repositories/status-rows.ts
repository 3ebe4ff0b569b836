import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';

// Raw queries get timestamps back as text from both drivers (drizzle leaves them unparsed), so the
// listed columns are turned into Dates here.
const DATE_KEYS = ['importedAt', 'reportedAt', 'startsAt', 'endsAt', 'closedAt'] as const;

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  // "2021-06-08 02:30:00.123+00" → ISO 8601 with a full offset
  const iso = String(v).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(iso);
}

/** Rows of a raw query from either driver, timestamps as Dates. */
export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] } | Record<string, unknown>[];
  const list = Array.isArray(result) ? result : result.rows;
  for (const row of list) {
    for (const key of DATE_KEYS) if (key in row) row[key] = toDate(row[key]);
  }
  return list as T[];
}
