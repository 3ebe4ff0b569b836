import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Db } from '../db/client.ts';
import { parseDirectory } from '../directory/parse.ts';
import type { ParsedDirectory } from '../directory/types.ts';
import { parsePlan } from '../plan/parse.ts';
import { importPlan } from './import-plan.ts';
import { loadDirectory } from './load-directory.ts';

/**
 * Imports a plan file and loads a directory file: what a newcomer does first, and what the demo,
 * the end-to-end tests and the benchmarks start from. Both steps are idempotent.
 */
export async function bootstrapFromFiles(db: Db, files: { plan: string; directory: string }, now: Date): Promise<{ directory: ParsedDirectory; planId: number | null }> {
  const text = await readFile(files.plan, 'utf8');
  const parsed = parsePlan(text, { fileName: files.plan });
  const summary = await importPlan(db, parsed, { now: () => now, sourceHash: createHash('sha256').update(text).digest('hex') });
  const directory = parseDirectory(await readFile(files.directory, 'utf8'));
  await loadDirectory(db, directory, { now });
  return { directory, planId: summary.planId };
}
