import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsCommand } from '../../src/cli/results.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { findDepartmentByNameOrAlias } from '../../src/db/repositories/directory.repository.ts';
import { findActivePlan } from '../../src/db/repositories/plan.repository.ts';
import { insertResultFile } from '../../src/db/repositories/results.repository.ts';
import { samplePdf } from '../../src/simulator/sample-file.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { SEED_FILES } from '../support/seeded-round.ts';
import { testRedisUrl } from '../support/redis.ts';

let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb('resultscli');
  await bootstrapFromFiles(t.db, SEED_FILES, new Date('2021-11-20T02:00:00Z'));
  dir = await mkdtemp(path.join(tmpdir(), 'duban-results-cli-'));
}, 60_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const config = parseConfig({ DATABASE_URL: t.url, REDIS_URL: testRedisUrl, DUBAN_NOW: '2021-11-20T10:00:00+08:00' });
  const code = await resultsCommand.run(args, { config, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('duban results', () => {
  it('refuses an unknown or missing subcommand with the usage, exit 2, and files without --out', async () => {
    const r = await run('send');
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['未知子命令：send（应为 cards、remind、status 或 files）']);
    expect(r.out[0]).toMatch(/^用法: duban results cards \| remind \| status \| files --out/);
    expect((await run('files')).err).toEqual(['缺少 --out <目录>']);
    expect((await run()).code).toBe(2);
  });

  it('status says who has not sent anything; files writes each unit’s latest file with its SHA-256', async () => {
    expect((await run('status')).out.join('\n')).toContain('电子版已报送 0/47');
    expect((await run('files', '--out', dir)).out).toEqual(['还没有单位报送电子版']);
    const plan = (await findActivePlan(t.db))!;
    const yy = (await findDepartmentByNameOrAlias(t.db, '运用促进司'))!;
    const row = (bytes: Buffer, messageId: string, at: string) => ({
      planId: plan.id, departmentId: yy.id, fileName: '成效.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length, sha256: 'sha', content: bytes,
      messageId, fileKey: `file_${messageId}`, chatId: 'oc_dept_yycjs', submittedBy: 'ou_yycjs_0001', submittedAt: new Date(at), storedAt: new Date(at),
    });
    await insertResultFile(t.db, row(samplePdf('old'), 'om_1', '2021-11-20T02:00:00Z'));
    await insertResultFile(t.db, row(samplePdf('new'), 'om_2', '2021-11-21T02:00:00Z'));
    const r = await run('files', '--out', dir);
    expect(r.code).toBe(0);
    expect(await readdir(dir)).toEqual(['运用促进司_成效.pdf']);
    expect(Buffer.compare(await readFile(path.join(dir, '运用促进司_成效.pdf')), samplePdf('new'))).toBe(0);
    expect((await run('status')).out.join('\n')).toContain('运用促进司：「成效.pdf」');
  });
});
