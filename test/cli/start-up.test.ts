import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../src/cli/open.ts';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { openDb } from '../../src/db/client.ts';
import { digests } from '../../src/db/schema/index.ts';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sql);
  await c.end();
}

describe('the start-up path of every command', () => {
  // An empty database, not migrated: what a first `duban digest` on a new server meets.
  const name = `duban_cli_fresh_${randomBytes(4).toString('hex')}`;
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const out: string[] = [];
  const err: string[] = [];
  const ctx = (now?: string) => ({
    config: parseConfig({ DATABASE_URL: url, ...(now ? { DUBAN_NOW: now } : {}) }),
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
  });

  beforeAll(() => admin(`create database "${name}"`));
  afterAll(() => admin(`drop database if exists "${name}" with (force)`));

  it('migrates a fresh database before digest runs, so it says there is no plan and stores nothing', async () => {
    expect(await runCli(['digest', '--dry-run'], ctx())).toBe(1);
    expect(err.at(-1)).toMatch(/^错误 \[NO_PLAN\]/);
    const handle = await openDb({ databaseUrl: url, dataDir: '' });
    try {
      expect(await handle.db.select().from(digests)).toHaveLength(0);
    } finally {
      await handle.close();
    }
  });

  it('gives a command the clock of duban serve: DUBAN_NOW, then advancing at real speed', async () => {
    const [first, later] = await withDatabase(ctx('2021-06-07T09:00:00+08:00'), async ({ now }) => {
      const a = now();
      await new Promise((r) => setTimeout(r, 30));
      return [a, now()];
    });
    expect(first.getTime() - Date.parse('2021-06-07T01:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(first.getTime() - Date.parse('2021-06-07T01:00:00Z')).toBeLessThan(5000);
    expect(later.getTime() - first.getTime()).toBeGreaterThanOrEqual(25);
  });
});
