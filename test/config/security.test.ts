import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { insecureLocalWarning, serveSecurityProblems } from '../../src/config/security.ts';

// `serve` refuses to start open to the world: no signing keys, or the example's secrets against real Lark.
describe('serve is secure by default', () => {
  it('refuses webhook mode without LARK_ENCRYPT_KEY and LARK_VERIFICATION_TOKEN, one line each naming what to set', () => {
    const problems = serveSecurityProblems(parseConfig({ LARK_DOMAIN: 'http://127.0.0.1:3100' }));
    expect(problems).toEqual([
      '未设置 LARK_ENCRYPT_KEY：请填入开发者后台「事件与回调 → 加密策略」中的 Encrypt Key',
      '未设置 LARK_VERIFICATION_TOKEN：请填入开发者后台「事件与回调 → 加密策略」中的 Verification Token',
      '仅在本机试用时可设置 DUBAN_INSECURE_LOCAL=1 跳过这些检查（并让 HOST=127.0.0.1）',
    ]);
    expect(serveSecurityProblems(parseConfig({ LARK_DOMAIN: 'http://127.0.0.1:3100', LARK_ENCRYPT_KEY: 'k'.repeat(16) }))).toHaveLength(2);
  });

  it('refuses the example app id and secret against feishu and lark, not against the simulator', () => {
    const keys = { LARK_ENCRYPT_KEY: 'k'.repeat(16), LARK_VERIFICATION_TOKEN: 't'.repeat(16) };
    for (const domain of ['feishu', 'lark']) {
      const problems = serveSecurityProblems(parseConfig({ ...keys, LARK_DOMAIN: domain }));
      expect(problems[0]).toContain('LARK_APP_ID 仍是示例值');
      expect(problems[1]).toContain('LARK_APP_SECRET 仍是示例值');
      expect(serveSecurityProblems(parseConfig({ ...keys, LARK_DOMAIN: domain, LARK_APP_ID: 'cli_real0000000001', LARK_APP_SECRET: 'real-secret-value' }))).toEqual([]);
    }
    expect(serveSecurityProblems(parseConfig({ ...keys, LARK_DOMAIN: 'http://127.0.0.1:3100' }))).toEqual([]);
  });

  it('long-connection mode needs no webhook keys; DUBAN_INSECURE_LOCAL=1 skips every check', () => {
    expect(serveSecurityProblems(parseConfig({ LARK_EVENT_MODE: 'ws', LARK_DOMAIN: 'http://x', LARK_APP_SECRET: 'real-secret' }))).toEqual([]);
    expect(serveSecurityProblems(parseConfig({ DUBAN_INSECURE_LOCAL: '1' }))).toEqual([]);
  });

  it('warns when DUBAN_INSECURE_LOCAL=1 is combined with a public HOST', () => {
    expect(insecureLocalWarning(parseConfig({ DUBAN_INSECURE_LOCAL: '1' }))).toContain('HOST=0.0.0.0 对外开放');
    expect(insecureLocalWarning(parseConfig({ DUBAN_INSECURE_LOCAL: '1', HOST: '127.0.0.1' }))).toBeNull();
    expect(insecureLocalWarning(parseConfig({}))).toBeNull();
  });

  it('`duban serve` exits 1 with the problems before opening anything', async () => {
    const out: string[] = [];
    const err: string[] = [];
    // Redis on a closed port: had it tried to connect, the error would be REDIS_UNAVAILABLE.
    const config = parseConfig({ REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });
    expect(await runCli(['serve'], { config, out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^错误 \[INSECURE_CONFIG\]：拒绝启动，配置不安全：\n- 未设置 LARK_ENCRYPT_KEY/);
    expect(err[0]).toContain('- LARK_APP_SECRET 仍是示例值');
    expect(out.join('\n')).not.toContain('正在连接');
  });
});
