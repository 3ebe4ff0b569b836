import type { Db, DbOrTx } from '../db/client.ts';
import * as repo from '../db/repositories/directory.repository.ts';
import { findActivePlan, listIndicators, setIndicatorOwner } from '../db/repositories/plan.repository.ts';
import { resolveDepartment } from '../directory/names.ts';
import { normaliseName } from '../directory/schema.ts';
import type { ParsedDirectory } from '../directory/types.ts';
import { checkDirectory } from '../directory/validate.ts';
import { DubanError } from '../errors.ts';
import { getSetting, replaceLeaders, setSetting } from '../db/repositories/access.repository.ts';
import type { Visibility } from '../domain/read-policy.ts';
import { VISIBILITY_KEY } from './read-access.ts';
import { setRegion } from '../db/repositories/region-assignments.repository.ts';
import { syncRegionAssignments } from './sync-regions.ts';

export interface LoadDirectorySummary {
  departmentsCreated: string[];
  /** regional offices created and updated (chat, aliases or opt-in) */
  regions: { created: string[]; updated: string[] };
  /** departments whose chat or aliases changed */
  departmentsUpdated: string[];
  reporters: { department: string; added: string[]; removed: string[] }[];
  admins: { added: string[]; removed: string[] } | null;
  leadership: { added: string[]; updated: string[] };
  /** the read policy this load changed to, if the file names a different one */
  visibility: Visibility | null;
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
      regions: { created: [], updated: [] },
      reporters: [],
      admins: null,
      leadership: { added: [], updated: [] },
      visibility: null,
      indicators: { assigned: [], unmatched: [] },
    };

    const units = [...dir.departments.map((d) => ({ ...d, region: null })), ...dir.regions.map((r) => ({ ...r, region: r }))];
    for (const d of units) {
      const created = d.region ? summary.regions.created : summary.departmentsCreated;
      const updated = d.region ? summary.regions.updated : summary.departmentsUpdated;
      let dept = resolveDepartment(d.name, known);
      if (!dept) {
        dept = await repo.insertDepartment(tx, d.name, opts.now, d.region ? 'region' : 'department');
        known.push(dept);
        created.push(dept.name);
      }
      if (d.region) await setRegion(tx, dept.id, d.region.conditional);
      let changed = false;
      for (const alias of d.aliases) {
        if (alias === dept.name || dept.aliases.includes(alias)) continue;
        await repo.insertAlias(tx, alias, dept.id);
        dept.aliases.push(alias);
        changed = true;
      }
      if (d.chatId) {
        if (d.chatId !== dept.chatId) changed = true;
        await repo.bindDepartmentChat(tx, dept.id, d.chatId, null);
        for (const other of known) if (other.chatId === d.chatId) other.chatId = null;
        dept.chatId = d.chatId;
      }
      if (changed && !created.includes(dept.name)) updated.push(dept.name);
      if (d.reporters) {
        await repo.upsertPeople(tx, d.reporters);
        const { added, removed } = await repo.replaceReporters(tx, dept.id, d.reporters.map((r) => r.openId));
        if (added.length || removed.length) summary.reporters.push({ department: dept.name, added, removed });
      }
      if (d.approver !== undefined) {
        if (d.approver) await repo.upsertPeople(tx, [d.approver]);
        await repo.setDepartmentApprover(tx, dept.id, d.approver?.openId ?? null);
      }
    }

    for (const l of dir.leadership) {
      const before = await repo.findChat(tx, l.chatId);
      await repo.bindLeadershipChat(tx, l.chatId, l.name);
      let leadersChanged = false;
      if (l.leaders) {
        await repo.upsertPeople(tx, l.leaders);
        const { added, removed } = await replaceLeaders(tx, l.chatId, l.leaders.map((p) => p.openId));
        leadersChanged = added.length + removed.length > 0;
      }
      if (!before) summary.leadership.added.push(l.name);
      else if (before.kind !== 'leadership' || before.name !== l.name || leadersChanged) summary.leadership.updated.push(l.name);
    }

    if (dir.visibility && dir.visibility !== (await getSetting(tx, VISIBILITY_KEY))) {
      summary.visibility = dir.visibility;
      await setSetting(tx, VISIBILITY_KEY, dir.visibility);
    }
    if (dir.admins) {
      await repo.upsertPeople(tx, dir.admins);
      summary.admins = await repo.replaceAdmins(tx, dir.admins.map((a) => a.openId));
    }
    summary.indicators = await assignIndicatorOwners(tx, dir, known);
    const plan = await findActivePlan(tx);
    if (plan) await syncRegionAssignments(tx, plan.id);
    return summary;
  });
}

/**
 * Owners for the active plan's indicators, matched by name (spaces ignored), else by a unique
 * name containing the file's (发明专利审查周期 does not also match 高价值发明专利审查周期 because
 * the exact name wins). Names without a match are reported, not refused: the plan may come later.
 */
async function assignIndicatorOwners(tx: DbOrTx, dir: ParsedDirectory, known: repo.DepartmentRow[]) {
  const result: LoadDirectorySummary['indicators'] = { assigned: [], unmatched: [] };
  if (!dir.indicators.length) return result;
  const plan = await findActivePlan(tx);
  const rows = plan ? await listIndicators(tx, plan.id) : [];
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
    await setIndicatorOwner(tx, match.id, match.planId, dept.id);
    result.assigned.push({ indicator: match.name, department: dept.name });
  }
  return result;
}
