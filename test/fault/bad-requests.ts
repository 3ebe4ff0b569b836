import { buildSignedRequest, encryptPayload, type SignedRequest } from '../../src/lark/crypto.ts';
import { freshEventId, replyPayload, signed, SEED_KEYS, type ReplyOptions, type ReplyTarget } from '../support/seeded-round.ts';

// Malformed, forged and oversized requests to /lark/events, each with the answer it must get:
// an HTTP refusal, or (signed, well-formed, but not allowed) an error toast.

export interface BadRequest {
  kind: string;
  method?: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  /** HTTP status it must get, or 'error-toast' (200 with an error toast). */
  expect: number | 'error-toast';
}

const json = { 'content-type': 'application/json' };
const secondsAgo = (s: number) => new Date(Date.now() - s * 1000);
const reply = (t: ReplyTarget, over: Partial<ReplyOptions> = {}) => replyPayload(t, { eventId: freshEventId('bad'), ...over });

/** Signs a payload with another key / token, or tampers with the signed request. */
function forged(payload: unknown, how: 'signature' | 'key' | 'token' | 'no-headers'): SignedRequest {
  if (how === 'key') return buildSignedRequest(payload, { encryptKey: 'not-the-encrypt-key', timestamp: String(Math.floor(Date.now() / 1000)), nonce: 'n1' });
  if (how === 'token') {
    const p = payload as { header: Record<string, unknown> };
    return signed({ ...p, header: { ...p.header, token: 'not-the-token' } });
  }
  const s = signed(payload);
  if (how === 'no-headers') return { body: s.body, headers: json };
  return { body: s.body, headers: { ...s.headers, 'x-lark-signature': s.headers['x-lark-signature']!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) } };
}

export const BAD_KINDS: ((t: ReplyTarget, other: ReplyTarget, i: number) => BadRequest)[] = [
  () => ({ kind: 'truncated JSON', headers: json, body: '{"encrypt": "abc', expect: 400 }),
  () => ({ kind: 'JSON array', headers: json, body: '[1,2,3]', expect: 400 }),
  () => ({ kind: 'JSON string', headers: json, body: '"hello"', expect: 400 }),
  () => ({ kind: 'empty body', headers: json, body: '', expect: 400 }),
  () => ({ kind: 'deeply nested JSON', headers: json, body: '['.repeat(20_000) + ']'.repeat(20_000), expect: 400 }),
  () => ({ kind: 'encrypt not base64', headers: json, body: JSON.stringify({ encrypt: '%%%not-base64%%%' }), expect: 401 }),
  () => ({ kind: 'encrypted garbage', headers: json, body: JSON.stringify({ encrypt: encryptPayload(SEED_KEYS.encryptKey, 'not json at all') }), expect: 401 }),
  (t) => ({ kind: 'wrong encrypt key', ...forged(reply(t), 'key'), expect: 401 }),
  (t) => ({ kind: 'forged signature', ...forged(reply(t), 'signature'), expect: 401 }),
  (t) => ({ kind: 'signature headers missing', ...forged(reply(t), 'no-headers'), expect: 401 }),
  (t) => ({ kind: 'wrong verification token', ...forged(reply(t), 'token'), expect: 401 }),
  (t) => ({ kind: 'stale timestamp', ...signed(reply(t), secondsAgo(10 * 60)), expect: 401 }),
  (t) => ({ kind: 'future timestamp', ...signed(reply(t), secondsAgo(-10 * 60)), expect: 401 }),
  (t) => ({ kind: 'plaintext, unsigned', headers: json, body: JSON.stringify(reply(t)), expect: 401 }),
  (t) => ({ kind: 'oversized body', headers: json, body: JSON.stringify({ encrypt: 'A'.repeat(70 * 1024), note: reply(t).header.event_id }), expect: 413 }),
  () => ({ kind: 'wrong content type', headers: { 'content-type': 'text/plain' }, body: 'hello', expect: 400 }),
  () => ({ kind: 'GET', method: 'GET', headers: {}, expect: 404 }),
  (t) => ({ kind: 'not a reporter', ...signed(reply(t, { operatorOpenId: 'ou_outsider_0001' })), expect: 'error-toast' }),
  (t, other) => ({ kind: 'task of another department', ...signed(reply({ ...t, taskId: other.taskId })), expect: 'error-toast' }),
  (t) => ({ kind: 'unknown task', ...signed(reply({ ...t, taskId: 999_999 })), expect: 'error-toast' }),
  (t) => ({ kind: 'unknown round', ...signed(reply({ ...t, roundId: 999_999 })), expect: 'error-toast' }),
  (t) => ({ kind: 'note over 1000 characters', ...signed(reply(t, { note: '长'.repeat(1001) })), expect: 'error-toast' }),
  (t) => ({ kind: 'note with U+0000', ...signed(reply(t, { note: '已部署\u0000完成' })), expect: 'error-toast' }),
  (t) => ({ kind: 'note with a lone surrogate', ...signed(reply(t, { note: '进展\uD83D' })), expect: 'error-toast' }),
  (t) => ({ kind: 'status outside the list', ...signed(reply(t, { status: 'finished' })), expect: 'error-toast' }),
  (t) => ({ kind: 'progress over 100', ...signed(reply(t, { progress: '150' })), expect: 'error-toast' }),
  (t) => {
    const p = reply(t);
    return { kind: 'card action without operator', ...signed({ ...p, event: { ...p.event, operator: undefined } }), expect: 'error-toast' };
  },
  (t) => {
    const p = reply(t);
    const event = p.event as { action: Record<string, unknown> };
    return { kind: 'action value not ours', ...signed({ ...p, event: { ...p.event, action: { ...event.action, value: { kind: 'drop_table' } } } }), expect: 'error-toast' };
  },
];
