import type { DbOrTx } from '../../db/client.ts';
import { listDepartments } from '../../db/repositories/directory.repository.ts';
import { requireActivePlan } from '../../db/repositories/plan.repository.ts';
import { listResultFiles, readResultFile } from '../../db/repositories/results.repository.ts';

/** A unit's latest electronic report, with its bytes and a file name safe on any disk. */
export interface ResultFileOut {
  unit: string;
  fileName: string;
  /** 单位名_原文件名, with characters no file system takes replaced */
  diskName: string;
  bytes: Buffer;
  sha256: string;
}

const SAFE = (s: string) => s.replace(/[\u0000-\u001f<>:"/\\|?*]/gu, '_').slice(0, 150);

/** Every unit's latest file (the one that counts), for `duban results files --out <dir>`. */
export async function latestResultFiles(db: DbOrTx): Promise<ResultFileOut[]> {
  const plan = await requireActivePlan(db);
  const names = new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
  const latest = new Map<number, number>();
  for (const f of await listResultFiles(db, plan.id)) latest.set(f.departmentId, f.id); // oldest first: the last one wins
  const out: ResultFileOut[] = [];
  for (const [departmentId, id] of latest) {
    const f = await readResultFile(db, id);
    if (!f) continue;
    const unit = names.get(departmentId) ?? String(departmentId);
    out.push({ unit, fileName: f.fileName, diskName: SAFE(`${unit}_${f.fileName}`), bytes: f.content, sha256: f.sha256 });
  }
  return out;
}
