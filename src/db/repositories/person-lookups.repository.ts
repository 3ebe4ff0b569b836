import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { people, personLookups } from '../schema/index.ts';

/** Stored lookups for these keys, with the person's recorded name. */
export async function findPersonLookups(db: DbOrTx, keys: readonly string[]): Promise<Map<string, { openId: string; name: string | null }>> {
  if (!keys.length) return new Map();
  const rows = await db
    .select({ key: personLookups.key, openId: personLookups.openId, name: people.name })
    .from(personLookups)
    .leftJoin(people, eq(people.openId, personLookups.openId))
    .where(inArray(personLookups.key, [...keys]));
  return new Map(rows.map((r) => [r.key, { openId: r.openId, name: r.name }]));
}

export async function savePersonLookups(db: DbOrTx, found: ReadonlyArray<{ key: string; openId: string }>, at: Date): Promise<void> {
  for (const f of found) {
    await db
      .insert(personLookups)
      .values({ key: f.key, openId: f.openId, resolvedAt: at })
      .onConflictDoUpdate({ target: personLookups.key, set: { openId: f.openId, resolvedAt: at } });
  }
}
