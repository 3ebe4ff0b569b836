import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb, type DbHandle } from '../../src/db/client.ts';
import { loadPlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { parsePlan } from '../../src/plan/parse.ts';
import { importPlan } from '../../src/usecases/import-plan.ts';

describe('embedded PGlite mode (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-pglite-'));
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDb({ dataDir });
    await migrateDb(handle);
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports the seed and reads it back', async () => {
    expect(handle.kind).toBe('pglite');
    const seed = parsePlan(readFileSync(new URL('../../samples/cnipa-2021.txt', import.meta.url), 'utf8'));
    const now = () => new Date('2021-03-01T02:00:00Z');
    const summary = await importPlan(handle.db, seed, { now, sourceHash: 'seed' });
    expect(summary.added).toHaveLength(22);
    const view = (await loadPlanView(handle.db))!;
    expect(view.plan.title).toBe('推动知识产权高质量发展年度工作指引（2021）');
    expect(view.tasks).toHaveLength(22);
    expect(view.tasks[4]!.departments.map((d) => d.name)).toEqual(['条法司', '专利局审查部', '专利局自动化部', '商标局']);
    expect(view.indicators).toHaveLength(6);
    const again = await importPlan(handle.db, seed, { now, sourceHash: 'seed' });
    expect(again.unchanged).toHaveLength(22);
  });
});
