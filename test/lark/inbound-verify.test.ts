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

// Each refusal names its reason: the webhook logs it, and it is all an operator has to go on.
describe('verifyLarkRequest: each refusal says why', () => {
  const plain = (body: unknown, k = {}) => verifyLarkRequest(typeof body === 'string' ? body : JSON.stringify(body), {}, k, NOW);
  const encrypted = (inner: string) => JSON.stringify({ encrypt: encryptPayload(ENCRYPT_KEY, inner) });

  it('refuses JSON that is not an object (null, an array, a string) with 400', () => {
    for (const body of ['null', '[1,2]', '"text"', '42']) {
      expect(plain(body)).toEqual({ ok: false, status: 400, reason: '请求体必须是 JSON 对象' });
    }
    expect(plain('{"schema":')).toEqual({ ok: false, status: 400, reason: '请求体不是有效的 JSON' });
  });

  it('refuses an encrypted body without an encrypt key, one that does not decrypt, and one that decrypts to no object', () => {
    expect(plain(encrypted(JSON.stringify(messageEvent())))).toEqual({ ok: false, status: 401, reason: 'encrypted body but no encrypt key configured' });
    expect(plain({ encrypt: 'bm90IHJlYWxseQ==' }, keys)).toEqual({ ok: false, status: 401, reason: 'body does not decrypt with the encrypt key' });
    for (const inner of ['null', '[1]', '"x"']) {
      expect(plain(encrypted(inner), keys)).toEqual({ ok: false, status: 401, reason: 'decrypted body is not an object' });
    }
  });

  it('takes the token of a schema 2.0 body from its header only, and of a v1 body from the top level', () => {
    const tokenOnly = { verificationToken: VERIFICATION_TOKEN };
    const v2 = messageEvent();
    expect(plain(v2, tokenOnly).ok).toBe(true);
    expect(plain({ ...v2, token: VERIFICATION_TOKEN, header: { ...v2.header, token: 'other' } }, tokenOnly)).toEqual({ ok: false, status: 401, reason: 'verification token mismatch' });
    const v1 = { uuid: 'u1', token: VERIFICATION_TOKEN, type: 'event_callback', event: { type: 'message' } };
    expect(plain(v1, tokenOnly).ok).toBe(true);
    expect(plain({ ...v1, token: 'other' }, tokenOnly)).toEqual({ ok: false, status: 401, reason: 'verification token mismatch' });
    expect(plain({ ...v1, token: undefined }, tokenOnly)).toEqual({ ok: false, status: 401, reason: 'verification token mismatch' });
    // The same length, another text: compared byte by byte, not by length.
    expect(plain({ ...v1, token: VERIFICATION_TOKEN.replace(/.$/, '#') }, tokenOnly)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a url_verification without a challenge with 400, and answers one with it', () => {
    expect(plain({ type: 'url_verification', token: VERIFICATION_TOKEN }, { verificationToken: VERIFICATION_TOKEN })).toEqual({ ok: false, status: 400, reason: 'challenge missing' });
    expect(plain({ type: 'url_verification', challenge: 7, token: VERIFICATION_TOKEN }, { verificationToken: VERIFICATION_TOKEN })).toEqual({ ok: false, status: 400, reason: 'challenge missing' });
    expect(plain({ type: 'url_verification', challenge: 'c1', token: VERIFICATION_TOKEN }, { verificationToken: VERIFICATION_TOKEN })).toEqual({ ok: true, challenge: 'c1' });
  });

  it('refuses a signed request when any one of timestamp, nonce or signature is missing', () => {
    const r = signedAt(messageEvent(), String(nowSeconds));
    for (const name of ['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature']) {
      const headers: Record<string, string> = { ...r.headers };
      delete headers[name];
      expect(verifyLarkRequest(r.body, headers, keys, NOW)).toEqual({ ok: false, status: 401, reason: 'signature headers missing' });
    }
    // Headers repeated by a proxy arrive as arrays: the first value counts.
    const repeated = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, [v, 'x']]));
    expect(verifyLarkRequest(r.body, repeated, keys, NOW).ok).toBe(true);
  });

  it('refuses a forged signature and a stale timestamp, each with its reason', () => {
    const r = signedAt(messageEvent(), String(nowSeconds));
    expect(verifyLarkRequest(r.body, { ...r.headers, 'x-lark-signature': 'f'.repeat(64) }, keys, NOW)).toEqual({ ok: false, status: 401, reason: 'signature mismatch' });
    const stale = signedAt(messageEvent(), String(nowSeconds + 301));
    expect(verifyLarkRequest(stale.body, stale.headers, keys, NOW)).toEqual({ ok: false, status: 401, reason: 'timestamp outside the 5-minute window' });
  });
});

describe('eventTypeOf and eventIdOf', () => {
  it('read a v1 body: the type from event.type, the id from uuid', () => {
    const v1 = { uuid: 'uuid-1', token: 't', type: 'event_callback', event: { type: 'message', header: 'x' } };
    expect(eventTypeOf(v1)).toBe('message');
    expect(eventIdOf(v1)).toBe('uuid-1');
  });

  it('read a schema 2.0 body from its header only', () => {
    const v2 = { schema: '2.0', header: { event_id: 'ev-2', event_type: 'card.action.trigger' }, event: { type: 'not-this' }, uuid: 'not-this' };
    expect(eventTypeOf(v2)).toBe('card.action.trigger');
    expect(eventIdOf(v2)).toBe('ev-2');
    expect(eventTypeOf({ schema: '2.0', event: { type: 'message' } })).toBeUndefined();
  });

  it('read the flattened data the SDK hands a handler (event_id at the top)', () => {
    expect(eventIdOf({ event_id: 'ev-3', uuid: 'not-this' })).toBe('ev-3');
  });

  it('answer undefined for ids and types that are missing or not strings', () => {
    expect(eventIdOf(null)).toBeUndefined();
    expect(eventIdOf([{ event_id: 'x' }])).toBeUndefined();
    expect(eventIdOf({ header: { event_id: 5 } })).toBeUndefined();
    expect(eventIdOf({ header: 'ev', uuid: 'u' })).toBe('u');
    expect(eventTypeOf({ event: { type: 5 } })).toBeUndefined();
    expect(eventTypeOf({ event: 'message' })).toBeUndefined();
    expect(eventTypeOf({ schema: '2.0', header: ['x'] })).toBeUndefined();
  });
});
