import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { migrateDb, openDb } from '../../src/db/client.ts';
import { findActivePlan } from '../../src/db/repositories/plan.repository.ts';

const root = mkdtempSync(path.join(tmpdir(), 'duban-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(dataDir: string, env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { config: parseConfig({ DATA_DIR: dataDir, ...env }), out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('duban backup', () => {
  it('exports the embedded database to a tarball that restores with tar into an empty data dir', async () => {
    const a = path.join(root, 'a');
    expect((await cli(a, {}, 'import', 'samples/cnipa-2021.txt')).code).toBe(0);
    const file = path.join(root, 'backup.tar.gz');
    const r = await cli(a, {}, 'backup', '--out', file);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(`到 ${file}`);
    expect(statSync(file).size).toBeGreaterThan(1000);

    const b = path.join(root, 'b');
    mkdirSync(path.join(b, 'pglite'), { recursive: true });
    execFileSync('tar', ['-xzf', file, '-C', path.join(b, 'pglite')]);
    const h = await openDb({ dataDir: b });
    try {
      await migrateDb(h);
      expect((await findActivePlan(h.db))?.title).toBe('推动知识产权高质量发展年度工作指引（2021）');
    } finally {
      await h.close();
    }
  }, 180_000);

  it('refuses with Postgres (pointing to pg_dump) and without --out, writing no file', async () => {
    const file = path.join(root, 'nope.tar.gz');
    const pg = await cli(path.join(root, 'c'), { DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }, 'backup', '--out', file);
    expect(pg.code).toBe(1);
    expect(pg.err).toContain('pg_dump');
    expect(await cli(path.join(root, 'c'), {}, 'backup')).toMatchObject({ code: 1, err: expect.stringContaining('缺少 --out') });
    expect(() => statSync(file)).toThrow();
  });
});
