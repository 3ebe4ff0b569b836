import type { FastifyInstance } from 'fastify';
import { record, send, type SimContext } from '../context.ts';
import { newId } from '../state.ts';

// https://open.feishu.cn/document/ukTMukTMukTM/ukDNz4SO0MjL5QzM/auth-v3/auth/tenant_access_token_internal
// The token is top-level (not under `data`); with ≥ 30 min left the same token comes back.

const LIFETIME_S = 7200;
const RENEW_WINDOW_MS = 30 * 60 * 1000;

export function authRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post('/open-apis/auth/v3/tenant_access_token/internal', async (req, reply) => {
    const body = (req.body ?? {}) as { app_id?: string; app_secret?: string };
    // Never keep the secret in the call log: the log is shown by the console.
    const call = record(ctx, 'token', req, { body: { app_id: body.app_id, app_secret: body.app_secret ? '***' : undefined } });
    if (body.app_id !== ctx.appId) return send(reply, call, { status: 200, body: { code: 10003, msg: 'invalid param: app_id' } });
    if (body.app_secret !== ctx.appSecret) return send(reply, call, { status: 200, body: { code: 10014, msg: 'app secret invalid' } });
    const nowMs = Date.now();
    let current: [string, number] | undefined;
    for (const entry of ctx.tokens) if (entry[1] - nowMs >= RENEW_WINDOW_MS) current = entry;
    const [token, expiry] = current ?? [newId('t-sim-', 16), nowMs + LIFETIME_S * 1000];
    ctx.tokens.set(token, expiry);
    const expire = Math.floor((expiry - nowMs) / 1000);
    return send(reply, call, { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire } });
  });
}
