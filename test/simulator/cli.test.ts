import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { startSimulatorFromArgs } from '../../src/cli/simulator.ts';
import { parseConfig } from '../../src/config/schema.ts';

const config = parseConfig({ LARK_APP_ID: 'cli_a1b2c3d4e5f60718', LARK_APP_SECRET: 'cli-secret' });

describe('duban simulator', () => {
  it('starts the fake with the configured app and prints its URL', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const fake = await startSimulatorFromArgs(['--port', '0'], { config, out: (l) => out.push(l), err: (l) => err.push(l) });
    try {
      expect(out[0]).toContain(fake.url);
      const token = await fetch(`${fake.url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: 'cli_a1b2c3d4e5f60718', app_secret: 'cli-secret' }),
      });
      expect(await token.json()).toMatchObject({ code: 0, expire: 7200 });
      expect(out.join('\n')).not.toContain('cli-secret');
      await fetch(`${fake.url}/open-apis/im/v1/pins`);
      expect(err).toEqual(['模拟器不支持的接口：GET /open-apis/im/v1/pins']);
    } finally {
      await fake.stop();
    }
  });

  it('refuses a bad port without starting anything', async () => {
    await expect(startSimulatorFromArgs(['--port', 'abc'], { config, out: () => {}, err: () => {} })).rejects.toThrow(/端口无效/);
  });

  it('prints its help', async () => {
    const out: string[] = [];
    expect(await runCli(['simulator', '--help'], { config, out: (l) => out.push(l) })).toBe(0);
    expect(out.join('\n')).toContain('duban simulator [--port 3100]');
  });
});
