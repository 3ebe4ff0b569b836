import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { commands } from '../../src/cli/registry.ts';
import { parseConfig, type Config } from '../../src/config/schema.ts';
import { admins, departments, plans, tasks } from '../../src/db/schema/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

// `import` and `directory` read only regular files up to INPUT_MAX_BYTES (5 MB by default):
// /dev/zero once grew the process to 4.8 GB in 12 s.
describe('bounded input files', () => {
  let t: TestDb;
  let config: Config;
  const dir = mkdtempSync(path.join(tmpdir(), 'duban-bounded-'));
  const fifo = path.join(dir, 'pipe');
  const big = path.join(dir, 'big.txt');
  beforeAll(async () => {
    t = await createTestDb('bounded_input');
    config = parseConfig({ DATABASE_URL: t.url, DUBAN_NOW: '2021-03-01T10:00:00+08:00' });
    execFileSync('mkfifo', [fifo]);
    writeFileSync(big, 'x'.repeat(5 * 1024 * 1024 + 1));
    // Commands load their module at their first run (src/cli/registry.ts): load them now, so the
    // times below are the refusals alone.
    for (const c of commands.filter((x) => x.name === 'import' || x.name === 'directory')) await c.load();
    await import('../../src/config/env.ts');
  });
  afterAll(async () => {
    await t?.drop();
  });

  const cli = async (args: string[], c = config) => {
    const out: string[] = [];
    const err: string[] = [];
    const started = Date.now();
    const code = await runCli(args, { config: c, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err, ms: Date.now() - started };
  };
  const nothingWritten = async () => {
    expect(await t.db.$count(plans)).toBe(0);
    expect(await t.db.$count(tasks)).toBe(0);
    expect(await t.db.$count(departments)).toBe(0);
    expect(await t.db.$count(admins)).toBe(0);
  };

  const cases: [string, () => string, string, string][] = [
    ['/dev/zero', () => '/dev/zero', 'NOT_REGULAR', '这是一个设备文件，不是普通文件'],
    ['a directory', () => dir, 'NOT_REGULAR', '这是一个目录，不是普通文件'],
    ['a FIFO without a writer', () => fifo, 'NOT_REGULAR', '这是一个管道，不是普通文件'],
    ['a file over 5 MB', () => big, 'TOO_LARGE', '文件过大（上限 5 MB，可用 INPUT_MAX_BYTES 调整）'],
  ];
  for (const [name, file, code, message] of cases) {
    it(`import refuses ${name} at once with one line, writing nothing`, async () => {
      const r = await cli(['import', file()]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([`错误 [PLAN_FILE_${code}]：${file()} ${message}`]);
      expect(r.ms).toBeLessThan(2000);
      await nothingWritten();
    });
    it(`directory refuses ${name} at once with one line, writing nothing`, async () => {
      const r = await cli(['directory', file()]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([`错误 [DIRECTORY_FILE_${code}]：${file()}：${message}`]);
      expect(r.ms).toBeLessThan(2000);
      await nothingWritten();
    });
  }

  it('the limit is INPUT_MAX_BYTES: a small limit refuses the sample plan, the default reads it', async () => {
    const small = parseConfig({ DATABASE_URL: t.url, DUBAN_NOW: '2021-03-01T10:00:00+08:00', INPUT_MAX_BYTES: '1024' });
    const r = await cli(['import', '--dry-run', 'samples/cnipa-2021.txt'], small);
    expect(r.err).toEqual(['错误 [PLAN_FILE_TOO_LARGE]：samples/cnipa-2021.txt 文件过大（上限 1 KB，可用 INPUT_MAX_BYTES 调整）']);
    expect((await cli(['import', '--dry-run', 'samples/cnipa-2021.txt'])).code).toBe(0);
    await nothingWritten();
  });
});
