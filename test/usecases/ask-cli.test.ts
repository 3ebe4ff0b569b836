import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig, type Config } from '../../src/config/schema.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { seedAskScenario } from '../support/seed-reports.ts';

async function cli(args: string[], config: Config) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { config, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('duban ask', () => {
  let t: TestDb;
  let config: Config;
  beforeAll(async () => {
    t = await createTestDb('ask_cli');
    // DUBAN_NOW is the clock: Wednesday of week 2021-W23, in Shanghai time
    config = parseConfig({ DATABASE_URL: t.url, DUBAN_NOW: '2021-06-09T10:30:00+08:00' });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('before any import, says in Chinese that there is no plan', async () => {
    const r = await cli(['ask', '任务5进展？'], config);
    expect(r.code).toBe(0);
    expect(r.out).toContain('还没有导入工作计划');
  });

  it('prints the same answer as the bot, as plain text, with times in DUBAN_TIMEZONE', async () => {
    await seedAskScenario(t.db);
    const r = await cli(['ask', '任务5进展？'], config);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^任务5：持续提升知识产权审查质量和效率\n/);
    expect(r.out).toContain('填报：张三，2021-06-08 10:30');
    expect(r.out).not.toMatch(/<font|"schema"/);
  });

  it('joins several words into one question', async () => {
    expect((await cli(['ask', '保护司', '的任务'], config)).out).toMatch(/^保护司负责的任务/);
  });

  it('--card prints the Card JSON instead', async () => {
    const r = await cli(['ask', '谁还没填报', '--card'], config);
    expect(JSON.parse(r.out)).toMatchObject({ schema: '2.0', header: { title: { content: '本轮未填报的部门（2021-W23）' } } });
  });

  it('without a question, prints usage and exits 2', async () => {
    const r = await cli(['ask'], config);
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法: duban ask');
  });

  it('--help shows examples', async () => {
    const r = await cli(['ask', '--help'], config);
    expect(r.code).toBe(0);
    expect(r.out).toContain('duban ask "任务5进展？"');
  });
});
