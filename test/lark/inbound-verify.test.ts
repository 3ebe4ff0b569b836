import { describe, expect, it } from 'vitest';
import { buildSignedRequest, encryptPayload } from '../../src/lark/crypto.ts';
import { eventIdOf, eventTypeOf, verifyLarkRequest } from '../../src/lark/inbound/verify.ts';
import { ENCRYPT_KEY, VERIFICATION_TOKEN, messageEvent } from '../support/lark-callbacks.ts';

const NOW = new Date('2026-03-02T01:00:00Z');
const keys = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN };
const signedAt = (payload: unknown, seconds: string) => buildSignedRequest(payload, { encryptKey: ENCRYPT_KEY, timestamp: seconds, nonce: 'n' });
const nowSeconds = NOW.getTime() / 1000;

describe('verifyLarkRequest', () => {
  it('accepts exactly 5 minutes of clock skew and refuses one second more', () => {
    const ok = signedAt(messageEvent(), String(nowSeconds - 300));
    expect(verifyLarkRequest(ok.body, ok.headers, keys, NOW).ok).toBe(true);
    const late = signedAt(messageEvent(), String(nowSeconds - 301));
    expect(verifyLarkRequest(late.body, late.headers, keys, NOW)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a timestamp that is not a number', () => {
    const r = signedAt(messageEvent(), 'yesterday');
    expect(verifyLarkRequest(r.body, r.headers, keys, NOW)).toMatchObject({ ok: false, status: 401 });
  });

  it('returns the decrypted payload with its event id and type', () => {
    const p = messageEvent();
    const r = signedAt(p, String(nowSeconds));
    const v = verifyLarkRequest(r.body, r.headers, keys, NOW);
    if (!v.ok || v.challenge !== undefined) throw new Error('expected a verified event');
    expect(eventIdOf(v.payload)).toBe(p.header.event_id);
    expect(eventTypeOf(v.payload)).toBe('im.message.receive_v1');
  });

  it('refuses an encrypted body when no encrypt key is configured', () => {
    const body = JSON.stringify({ encrypt: encryptPayload('k', JSON.stringify(messageEvent())) });
    expect(verifyLarkRequest(body, {}, {}, NOW)).toMatchObject({ ok: false, status: 401 });
  });

  it('accepts everything unsigned when neither key nor token is configured (local development)', () => {
    expect(verifyLarkRequest(JSON.stringify(messageEvent()), {}, {}, NOW).ok).toBe(true);
  });
});
