import { describe, expect, it } from 'vitest';
import { buildSignedRequest } from '../../src/lark/crypto.ts';
import { verifyLarkRequest } from '../../src/lark/inbound/verify.ts';
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
