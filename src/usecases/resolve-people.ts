import type { DbOrTx } from '../db/client.ts';
import { findPersonLookups, savePersonLookups } from '../db/repositories/person-lookups.repository.ts';
import type { PersonKey, PersonRef } from '../directory/people-refs.ts';

/** Lark's contact API, as this use case needs it. */
export interface ContactLookup {
  openIds(emails: string[], mobiles: string[]): Promise<Map<string, string>>;
  name(openId: string): Promise<string | null>;
}

/**
 * Resolves the directory's email / mobile entries: stored lookups first, Lark's contact API for
 * the rest (stored for next time, so a person is looked up once), and names from the contact API
 * for those the database has no name for.
 */
export async function resolvePeople(db: DbOrTx, refs: PersonRef[], lookup: ContactLookup, now: Date): Promise<Map<PersonKey, { openId: string; name: string | null }>> {
  const keys = [...new Set(refs.map((r) => r.key))];
  const result = new Map<PersonKey, { openId: string; name: string | null }>();
  for (const [key, v] of await findPersonLookups(db, keys)) result.set(key as PersonKey, v);
  const todo = keys.filter((k) => !result.has(k));
  if (todo.length) {
    const emails = todo.filter((k) => k.startsWith('email:')).map((k) => k.slice('email:'.length));
    const mobiles = todo.filter((k) => k.startsWith('mobile:')).map((k) => k.slice('mobile:'.length));
    const found = await lookup.openIds(emails, mobiles);
    const saved: { key: string; openId: string }[] = [];
    for (const key of todo) {
      const openId = found.get(key);
      if (!openId) continue;
      result.set(key, { openId, name: null });
      saved.push({ key, openId });
    }
    await savePersonLookups(db, saved, now);
  }
  for (const [key, v] of result) if (!v.name) result.set(key, { ...v, name: await lookup.name(v.openId).catch(() => null) });
  return result;
}
