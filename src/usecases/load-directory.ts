import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import * as repo from '../db/repositories/directory.repository.ts';
import { admins, chats, departmentAliases, departments, indicators, plans } from '../db/schema/index.ts';
import { resolveDepartment } from '../directory/names.ts';
import { normaliseName } from '../directory/schema.ts';
import type { ParsedDirectory } from '../directory/types.ts';
import { checkDirectory } from '../directory/validate.ts';
import { DubanError } from '../errors.ts';

export interface LoadDirectorySummary {
  departmentsCreated: string[];
  /** departments whose chat or aliases changed */
  departmentsUpdated: string[];
  reporters: { department: string; added: string[]; removed: string[] }[];
  admins: { added: string[]; removed: string[] } | null;
  leadership: { added: string[]; updated: string[] };
  /** owners set or changed by this load, and names the active plan does not have */
  indicators: { assigned: { indicator: string; department: string }[]; unmatched: string[] };
}

export interface LoadDirectoryOptions {
  now: Date;
  /**
   * Create departments the database does not know yet. The CLI allows it only while no plan has
   * created any, so a directory can be loaded before the first import; afterwards an unknown name
   * is a typo and is refused with the nearest names.
   */
  createMissingDepartments?: boolean;
}

/**
 * Loads the directory file in one transaction; loading again updates it. Departments get their
 * chat and aliases (upserted), their listed reporters replace the current ones, leadership chats
 * are upserted, admins replaced (when listed), names recorded, and the active plan's indicators
 * get their owner departments. Any problem refuses the whole file and writes nothing.
 */
export async function loadDirectory(db: Db, dir: ParsedDirectory, opts: LoadDirectoryOptions): Promise<LoadDirectorySummary> {
  return db.transaction(async (tx) => {
    const known = await repo.listDepartments(tx);
    const problems = checkDirectory(dir, known, { allowNew: opts.createMissingDepartments ?? false });
    if (problems.length) {
      throw new DubanError('DIRECTORY_INVALID', problems.join('；'), { details: { problems } });
    }
    const summary: LoadDirectorySummary = {
      departmentsCreated: [],
      departmentsUpdated: [],
      reporters: [],
      admins: null,
      leadership: { added: [], updated: [] },
      indicators: { assigned: [], unmatched: [] },
    };

    for (const d of dir.departments) {
      let dept = resolveDepartment(d.name, known);
      if (!dept) {
        const [row] = await tx.insert(departments).values({ name: d.name, createdAt: opts.now }).returning();
        dept = { id: row!.id, name: row!.name, chatId: null, aliases: [] };
        known.push(dept);
        summary.departmentsCreated.push(dept.name);
      }
      let changed = false;
      for (const alias of d.aliases) {
        if (alias === dept.name || dept.aliases.includes(alias)) continue;
        await tx.insert(departmentAliases).values({ alias, departmentId: dept.id });
        dept.aliases.push(alias);
        changed = true;
      }
      if (d.chatId) {
        if (d.chatId !== dept.chatId) changed = true;
        await repo.bindDepartmentChat(tx, dept.id, d.chatId, null);
        for (const other of known) if (other.chatId === d.chatId) other.chatId = null;
        dept.chatId = d.chatId;
      }
      if (changed && !summary.departmentsCreated.includes(dept.name)) summary.departmentsUpdated.push(dept.name);
      if (d.reporters) {
        await repo.upsertPeople(tx, d.reporters);
        const { added, removed } = await repo.replaceReporters(tx, dept.id, d.reporters.map((r) => r.openId));
        if (added.length || removed.length) summary.reporters.push({ department: dept.name, added, removed });
      }
    }

    for (const l of dir.leadership) {
      const [before] = await tx.select().from(chats).where(eq(chats.chatId, l.chatId));
      await repo.bindLeadershipChat(tx, l.chatId, l.name);
      if (!before) summary.leadership.added.push(l.name);
      else if (before.kind !== 'leadership' || before.name !== l.name) summary.leadership.updated.push(l.name);
    }

    if (dir.admins) summary.admins = await replaceAdmins(tx, dir.admins);
    summary.indicators = await assignIndicatorOwners(tx, dir, known);
    return summary;
  });
}

async function replaceAdmins(tx: DbOrTx, list: NonNullable<ParsedDirectory['admins']>) {
  await repo.upsertPeople(tx, list);
  const before = await repo.listAdmins(tx);
  const wanted = [...new Set(list.map((a) => a.openId))];
  const removed = before.filter((id) => !wanted.includes(id));
  const added = wanted.filter((id) => !before.includes(id));
  for (const openId of removed) await tx.delete(admins).where(eq(admins.openId, openId));
  if (added.length) await tx.insert(admins).values(added.map((openId) => ({ openId })));
  return { added, removed };
}

/**
 * Owners for the active plan's indicators, matched by name (spaces ignored), else by a unique
 * name containing the file's (发明专利审查周期 does not also match 高价值发明专利审查周期 because
 * the exact name wins). Names without a match are reported, not refused: the plan may come later.
 */
async function assignIndicatorOwners(tx: DbOrTx, dir: ParsedDirectory, known: repo.DepartmentRow[]) {
  const result: LoadDirectorySummary['indicators'] = { assigned: [], unmatched: [] };
  if (!dir.indicators.length) return result;
  const [plan] = await tx.select().from(plans).where(eq(plans.active, true)).orderBy(desc(plans.importedAt), desc(plans.id)).limit(1);
  const rows = plan ? await tx.select().from(indicators).where(eq(indicators.planId, plan.id)) : [];
  for (const owner of dir.indicators) {
    const wanted = normaliseName(owner.indicator);
    const exact = rows.filter((r) => normaliseName(r.name) === wanted);
    const loose = rows.filter((r) => normaliseName(r.name).includes(wanted));
    const match = exact[0] ?? (loose.length === 1 ? loose[0] : undefined);
    const dept = resolveDepartment(owner.department, known);
    if (!match || !dept) {
      result.unmatched.push(owner.indicator);
      continue;
    }
    if (match.ownerDepartmentId === dept.id) continue;
    await tx.update(indicators).set({ ownerDepartmentId: dept.id }).where(and(eq(indicators.id, match.id), eq(indicators.planId, match.planId)));
    result.assigned.push({ indicator: match.name, department: dept.name });
  }
  return result;
}
