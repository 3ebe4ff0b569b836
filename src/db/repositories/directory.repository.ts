import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { admins, chats, departmentAliases, departments, people, reporters } from '../schema/index.ts';

/** Reads and small writes over the directory: departments, their chats and reporters, admins. */

export interface DepartmentRow {
  id: number;
  name: string;
  chatId: string | null;
  aliases: string[];
  /** department | region (a regional office) */
  kind: string;
}

export interface PersonRow {
  openId: string;
  name: string | null;
}

export async function listDepartments(db: DbOrTx): Promise<DepartmentRow[]> {
  const rows = await db.select().from(departments).orderBy(asc(departments.id));
  const aliases = await db.select().from(departmentAliases).orderBy(asc(departmentAliases.alias));
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    chatId: d.chatId,
    kind: d.kind,
    aliases: aliases.filter((a) => a.departmentId === d.id).map((a) => a.alias),
  }));
}

/** By exact name or alias, spaces ignored. */
export async function findDepartmentByNameOrAlias(db: DbOrTx, name: string): Promise<DepartmentRow | null> {
  const wanted = name.replace(/\s+/g, '');
  const all = await listDepartments(db);
  return all.find((d) => d.name === wanted) ?? all.find((d) => d.aliases.includes(wanted)) ?? null;
}

export async function departmentByChat(db: DbOrTx, chatId: string): Promise<DepartmentRow | null> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.chatId, chatId)).limit(1);
  if (!row) return null;
  return (await listDepartments(db)).find((d) => d.id === row.id) ?? null;
}

export async function isAdmin(db: DbOrTx, openId: string): Promise<boolean> {
  const rows = await db.select().from(admins).where(eq(admins.openId, openId)).limit(1);
  return rows.length > 0;
}

export async function isReporter(db: DbOrTx, departmentId: number, openId: string): Promise<boolean> {
  const rows = await db
    .select()
    .from(reporters)
    .where(and(eq(reporters.departmentId, departmentId), eq(reporters.openId, openId)))
    .limit(1);
  return rows.length > 0;
}

/** The department's reporters with their names when known, in open_id order. */
export async function listReporters(db: DbOrTx, departmentId: number): Promise<PersonRow[]> {
  return db
    .select({ openId: reporters.openId, name: people.name })
    .from(reporters)
    .leftJoin(people, eq(people.openId, reporters.openId))
    .where(eq(reporters.departmentId, departmentId))
    .orderBy(asc(reporters.openId));
}

export async function leadershipChats(db: DbOrTx): Promise<{ chatId: string; name: string | null }[]> {
  return db
    .select({ chatId: chats.chatId, name: chats.name })
    .from(chats)
    .where(eq(chats.kind, 'leadership'))
    .orderBy(asc(chats.chatId));
}

export async function listAdmins(db: DbOrTx): Promise<string[]> {
  return (await db.select().from(admins).orderBy(asc(admins.openId))).map((a) => a.openId);
}

/** Replaces the admins; returns who was added and who removed. */
export async function replaceAdmins(db: DbOrTx, openIds: readonly string[]): Promise<{ added: string[]; removed: string[] }> {
  const before = await listAdmins(db);
  const wanted = [...new Set(openIds)];
  const removed = before.filter((id) => !wanted.includes(id));
  const added = wanted.filter((id) => !before.includes(id));
  if (removed.length) await db.delete(admins).where(inArray(admins.openId, removed));
  if (added.length) await db.insert(admins).values(added.map((openId) => ({ openId })));
  return { added, removed };
}

/** The recorded name of a person, null when none is known. */
export async function findPersonName(db: DbOrTx, openId: string): Promise<string | null> {
  const [p] = await db.select({ name: people.name }).from(people).where(eq(people.openId, openId));
  return p?.name ?? null;
}

export type ChatRecord = typeof chats.$inferSelect;

export async function findChat(db: DbOrTx, chatId: string): Promise<ChatRecord | null> {
  const [row] = await db.select().from(chats).where(eq(chats.chatId, chatId));
  return row ?? null;
}

/** Creates a department with no chat and no aliases. */
export async function insertDepartment(db: DbOrTx, name: string, createdAt: Date, kind = 'department'): Promise<DepartmentRow> {
  const [row] = await db.insert(departments).values({ name, createdAt, kind }).returning();
  return { id: row!.id, name: row!.name, chatId: null, aliases: [], kind: row!.kind };
}

export async function insertAlias(db: DbOrTx, alias: string, departmentId: number): Promise<void> {
  await db.insert(departmentAliases).values({ alias, departmentId });
}

/** Records names for open_ids; a missing name never erases a known one. */
export async function upsertPeople(db: DbOrTx, persons: readonly PersonRow[]): Promise<void> {
  const byId = new Map<string, string | null>();
  for (const p of persons) byId.set(p.openId, p.name ?? byId.get(p.openId) ?? null);
  for (const [openId, name] of byId) {
    const insert = db.insert(people).values({ openId, name });
    await (name ? insert.onConflictDoUpdate({ target: people.openId, set: { name } }) : insert.onConflictDoNothing());
  }
}

/**
 * Binds a chat to a department: the department's cards go there, and the chat is recorded as
 * that department's. A chat serves one department; whoever had it before loses it, and the
 * department's previous chat becomes an ordinary chat.
 */
export async function bindDepartmentChat(db: DbOrTx, departmentId: number, chatId: string, chatName: string | null): Promise<void> {
  await db.update(departments).set({ chatId: null }).where(eq(departments.chatId, chatId));
  await db
    .update(chats)
    .set({ kind: 'other', departmentId: null })
    .where(and(eq(chats.departmentId, departmentId), eq(chats.kind, 'department')));
  await db.update(departments).set({ chatId }).where(eq(departments.id, departmentId));
  await db
    .insert(chats)
    .values({ chatId, name: chatName, kind: 'department', departmentId })
    .onConflictDoUpdate({ target: chats.chatId, set: { kind: 'department', departmentId, ...(chatName ? { name: chatName } : {}) } });
}

/** Makes a chat a leadership chat (it gets the digest); a department bound to it is unbound. */
export async function bindLeadershipChat(db: DbOrTx, chatId: string, name: string | null): Promise<void> {
  await db.update(departments).set({ chatId: null }).where(eq(departments.chatId, chatId));
  await db
    .insert(chats)
    .values({ chatId, name, kind: 'leadership', departmentId: null })
    .onConflictDoUpdate({ target: chats.chatId, set: { kind: 'leadership', departmentId: null, ...(name ? { name } : {}) } });
}

/** Adds a reporter; true when they were not one already. */
export async function addReporter(db: DbOrTx, departmentId: number, openId: string): Promise<boolean> {
  const inserted = await db.insert(reporters).values({ departmentId, openId }).onConflictDoNothing().returning();
  return inserted.length > 0;
}

/** Replaces the department's reporters; returns who was added and who removed. */
export async function replaceReporters(db: DbOrTx, departmentId: number, openIds: readonly string[]): Promise<{ added: string[]; removed: string[] }> {
  const before = (await db.select().from(reporters).where(eq(reporters.departmentId, departmentId))).map((r) => r.openId);
  const wanted = [...new Set(openIds)];
  const removed = before.filter((id) => !wanted.includes(id));
  const added = wanted.filter((id) => !before.includes(id));
  if (removed.length) {
    await db.delete(reporters).where(and(eq(reporters.departmentId, departmentId), inArray(reporters.openId, removed)));
  }
  if (added.length) await db.insert(reporters).values(added.map((openId) => ({ departmentId, openId })));
  return { added, removed };
}

/** Records that the bot joined or left a chat (Lark's bot added / removed events); a new chat is kept as `other`. */
export async function setChatBotStatus(db: DbOrTx, chatId: string, status: 'in' | 'removed', at: Date, name: string | null): Promise<ChatRecord> {
  const [row] = await db
    .insert(chats)
    .values({ chatId, name, kind: 'other', botStatus: status, botStatusAt: at })
    .onConflictDoUpdate({ target: chats.chatId, set: { botStatus: status, botStatusAt: at, ...(name ? { name } : {}) } })
    .returning();
  return row!;
}

/** Which department a chat serves, by name, or null. */
export async function departmentNameOfChat(db: DbOrTx, chatId: string): Promise<string | null> {
  const [row] = await db.select({ name: departments.name }).from(departments).where(eq(departments.chatId, chatId)).limit(1);
  return row?.name ?? null;
}

/** The department's designated approver of 延期申请 (null: the admins decide). */
export async function setDepartmentApprover(db: DbOrTx, departmentId: number, openId: string | null): Promise<void> {
  await db.update(departments).set({ approverOpenId: openId }).where(eq(departments.id, departmentId));
}
