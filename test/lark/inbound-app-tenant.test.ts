import { describe, expect, it } from 'vitest';
import { buildSignedRequest } from '../../src/lark/crypto.ts';
import { checkAppAndTenant, verifyLarkRequest } from '../../src/lark/inbound/verify.ts';
import { APP_ID, cardActionEvent, ENCRYPT_KEY, messageEvent, VERIFICATION_TOKEN } from '../support/lark-callbacks.ts';

// Callbacks that name another app or tenant are refused, each with its own reason.
const NOW = new Date('2026-03-02T01:00:00Z');
const keys = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, appId: APP_ID };
const verify = (payload: unknown, k: Parameters<typeof verifyLarkRequest>[2] = keys) => {
  const r = buildSignedRequest(payload, { encryptKey: ENCRYPT_KEY, timestamp: String(NOW.getTime() / 1000), nonce: 'n' });
  return verifyLarkRequest(r.body, r.headers, k, NOW);
};

describe('app and tenant of a callback', () => {
  it('accepts an event and a card callback naming LARK_APP_ID', () => {
    expect(verify(messageEvent()).ok).toBe(true);
    expect(verify(cardActionEvent()).ok).toBe(true);
  });

  it('refuses a signed event of another app (401, reason app_id)', () => {
    const other = messageEvent();
    other.header.app_id = 'cli_other_app_000';
    expect(verify(other)).toEqual({ ok: false, status: 401, reason: 'app_id is not LARK_APP_ID' });
    const card = cardActionEvent() as { header: Record<string, unknown> };
    card.header.app_id = 'cli_other_app_000';
    expect(verify(card)).toEqual({ ok: false, status: 401, reason: 'app_id is not LARK_APP_ID' });
  });

  it('refuses a schema 2.0 event without an app_id', () => {
    const e = messageEvent() as { header: Record<string, unknown> };
    delete e.header.app_id;
    expect(verify(e)).toEqual({ ok: false, status: 401, reason: 'app_id missing' });
  });

  it('with LARK_TENANT_KEY, refuses another tenant and a missing tenant, and accepts its own', () => {
    const k = { ...keys, tenantKey: 'tenant_test' };
    expect(verify(messageEvent(), k).ok).toBe(true);
    expect(verify(messageEvent(), { ...keys, tenantKey: 'tenant_other' })).toEqual({ ok: false, status: 401, reason: 'tenant_key is not LARK_TENANT_KEY' });
    const e = messageEvent() as { header: Record<string, unknown> };
    delete e.header.tenant_key;
    expect(verify(e, k)).toEqual({ ok: false, status: 401, reason: 'tenant_key missing' });
  });

  it('accepts any tenant when LARK_TENANT_KEY is not set', () => {
    const e = messageEvent();
    e.header.tenant_key = 'whoever';
    expect(verify(e).ok).toBe(true);
  });
});

describe('app and tenant of callbacks in the older layouts', () => {
  const app = { appId: APP_ID };
  const v1Event = (appId: string, tenant = 'tenant_test') => ({ uuid: 'u1', token: VERIFICATION_TOKEN, type: 'event_callback', event: { type: 'message', app_id: appId, tenant_key: tenant } });
  // The flat card callback (card.action.trigger before schema 2.0): no app id anywhere, the tenant at the top.
  const flatCard = { open_id: 'ou_1', open_message_id: 'om_1', tenant_key: 'tenant_test', token: VERIFICATION_TOKEN, action: { value: {} } };

  it('reads a v1 event’s app and tenant from its event: another app is refused, its own accepted', () => {
    expect(checkAppAndTenant(v1Event('cli_other_app_000'), app)).toBe('app_id is not LARK_APP_ID');
    expect(checkAppAndTenant(v1Event(APP_ID), app)).toBeNull();
    expect(checkAppAndTenant(v1Event(APP_ID, 'tenant_other'), { tenantKey: 'tenant_test' })).toBe('tenant_key is not LARK_TENANT_KEY');
  });

  it('accepts a flat card callback, which names no app, and checks its top-level tenant', () => {
    expect(checkAppAndTenant(flatCard, app)).toBeNull();
    expect(checkAppAndTenant(flatCard, { ...app, tenantKey: 'tenant_test' })).toBeNull();
    expect(checkAppAndTenant({ ...flatCard, tenant_key: 'tenant_other' }, { tenantKey: 'tenant_test' })).toBe('tenant_key is not LARK_TENANT_KEY');
  });

  it('refuses a schema 2.0 body without a header: no app, no tenant, no token', () => {
    const headless = { schema: '2.0', event: { app_id: APP_ID, tenant_key: 'tenant_test' } };
    expect(checkAppAndTenant(headless, app)).toBe('app_id missing');
    expect(checkAppAndTenant(headless, { tenantKey: 'tenant_test' })).toBe('tenant_key missing');
    expect(verifyLarkRequest(JSON.stringify(headless), {}, { verificationToken: VERIFICATION_TOKEN }, NOW)).toEqual({ ok: false, status: 401, reason: 'verification token mismatch' });
  });
});
