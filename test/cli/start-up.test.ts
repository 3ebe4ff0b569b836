import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockForDatabase } from '../../src/app/clock.ts';
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

  it('uses the clock stored in the database (as the demo stores it) when DUBAN_NOW is not set, and it advances; DUBAN_NOW still wins', async () => {
    // the demo's way: no DUBAN_NOW, a fallback start, stored
    const stored = await withDatabase(ctx(), async ({ db }) => (await clockForDatabase(db, {}, { fallback: '2021-06-07T09:30:00+08:00', store: true }))());
    expect(Math.abs(stored.getTime() - Date.parse('2021-06-07T01:30:00Z'))).toBeLessThan(5000);
    // a later command on the same database, without DUBAN_NOW, lives in 2021 and its clock advances
    const [a, b] = await withDatabase(ctx(), async ({ now }) => {
      const first = now();
      await new Promise((r) => setTimeout(r, 30));
      return [first, now()];
    });
    expect(a.getTime() - stored.getTime()).toBeGreaterThanOrEqual(0);
    expect(a.getTime() - stored.getTime()).toBeLessThan(10_000);
    expect(b.getTime() - a.getTime()).toBeGreaterThanOrEqual(25);
    // a restarted demo continues (no reset to its fallback), unless --now / DUBAN_NOW says otherwise
    const restarted = await withDatabase(ctx(), async ({ db }) => (await clockForDatabase(db, {}, { fallback: '2030-01-01T00:00:00Z', store: true }))());
    expect(restarted.getUTCFullYear()).toBe(2021);
    const explicit = await withDatabase(ctx('2021-09-06T09:00:00+08:00'), async ({ now }) => now());
    expect(explicit.getUTCMonth()).toBe(8);
  });

  it.each([
    ['a database that does not exist', (u: string) => u.replace(/\/[^/]*$/, '/duban_no_such_db_x1'), /没有数据库「duban_no_such_db_x1」。请先创建它，例如 createdb/],
    ['a port where nothing listens', () => 'postgres://postgres@127.0.0.1:1/duban', /无法连接 Postgres：127\.0\.0\.1:1 拒绝连接。请确认 Postgres 已启动/],
  ])('explains %s and how to fix it, instead of 「Failed query」', async (_what, urlOf, message) => {
    const lines: string[] = [];
    const config = parseConfig({ DATABASE_URL: urlOf(url) });
    expect(await runCli(['digest', '--dry-run'], { config, out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(1);
    expect(lines.at(-1)).toMatch(/^错误 \[DB_UNAVAILABLE\]/);
    expect(lines.at(-1)).toMatch(message);
    expect(lines.join('\n')).not.toContain('Failed query');
  });
});
