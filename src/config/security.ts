import type { Config } from './schema.ts';

/** The placeholders of .env.example: fine against the simulator, never against real Lark. */
export const PLACEHOLDER_APP_ID = 'cli_a000000000000000';
export const PLACEHOLDER_APP_SECRET = 'local-secret';

const REAL_DOMAINS = new Set(['feishu', 'lark']);

/**
 * Why `serve` must not start with this config, one line per problem naming what to set; empty
 * when it may. Webhook mode accepts callbacks from whoever reaches the port, so without both keys
 * anyone could file reports as any reporter. DUBAN_INSECURE_LOCAL=1 (demos, tests) skips this.
 */
export function serveSecurityProblems(config: Pick<Config, 'lark' | 'insecureLocal'>): string[] {
  if (config.insecureLocal) return [];
  const problems: string[] = [];
  const { lark } = config;
  if (lark.eventMode === 'webhook') {
    if (!lark.encryptKey) problems.push('未设置 LARK_ENCRYPT_KEY：请填入开发者后台「事件与回调 → 加密策略」中的 Encrypt Key');
    if (!lark.verificationToken) problems.push('未设置 LARK_VERIFICATION_TOKEN：请填入开发者后台「事件与回调 → 加密策略」中的 Verification Token');
  }
  if (REAL_DOMAINS.has(lark.domain)) {
    if (lark.appId === PLACEHOLDER_APP_ID) problems.push(`LARK_APP_ID 仍是示例值 ${PLACEHOLDER_APP_ID}：请填入开发者后台「凭证与基础信息」中的 App ID`);
    if (lark.appSecret === PLACEHOLDER_APP_SECRET) problems.push('LARK_APP_SECRET 仍是示例值：请填入开发者后台「凭证与基础信息」中的 App Secret');
  }
  if (problems.length) problems.push('仅在本机试用时可设置 DUBAN_INSECURE_LOCAL=1 跳过这些检查（并让 HOST=127.0.0.1）');
  return problems;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** With DUBAN_INSECURE_LOCAL=1 on a non-loopback HOST, a line saying so (the check is skipped either way). */
export function insecureLocalWarning(config: Pick<Config, 'insecureLocal' | 'host'>): string | null {
  if (!config.insecureLocal || LOOPBACK.has(config.host)) return null;
  return `警告：DUBAN_INSECURE_LOCAL=1 跳过了安全检查，但 HOST=${config.host} 对外开放。仅在本机试用时使用，并设 HOST=127.0.0.1`;
}
