import { timingSafeEqual } from 'node:crypto';
import { decryptPayload, signBody } from '../crypto.ts';

/** Lark signs with a timestamp in seconds; older or newer than this is a replay or a bad clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface VerifyKeys {
  encryptKey?: string;
  verificationToken?: string;
  /** LARK_APP_ID: a callback naming another app is refused (a token leaked from, or shared with, another app). */
  appId?: string;
  /** LARK_TENANT_KEY: when set, only this tenant's callbacks are accepted. */
  tenantKey?: string;
}

export type Verified =
  | { ok: true; challenge: string }
  | { ok: true; challenge?: undefined; payload: Record<string, unknown> }
  | { ok: false; status: 400 | 401; reason: string };

type Headers = Record<string, string | string[] | undefined>;

const header = (h: Headers, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks one webhook request exactly as documented (docs/lark.md#callback-crypto-signature-and-token):
 * decrypt, signature over the RAW body, timestamp within 5 minutes, verification token
 * (`header.token` for schema 2.0, which the SDK never checks). The url_verification challenge
 * is answered after the token check but without a signature: Lark sends it before a key exists.
 */
export function verifyLarkRequest(rawBody: string, headers: Headers, keys: VerifyKeys, now: Date): Verified {
  let outer: unknown;
  try {
    outer = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 400, reason: '请求体不是有效的 JSON' };
  }
  if (!isObject(outer)) return { ok: false, status: 400, reason: '请求体必须是 JSON 对象' };

  let payload: unknown = outer;
  if (typeof outer.encrypt === 'string') {
    if (!keys.encryptKey) return { ok: false, status: 401, reason: 'encrypted body but no encrypt key configured' };
    try {
      payload = JSON.parse(decryptPayload(keys.encryptKey, outer.encrypt));
    } catch {
      return { ok: false, status: 401, reason: 'body does not decrypt with the encrypt key' };
    }
    if (!isObject(payload)) return { ok: false, status: 401, reason: 'decrypted body is not an object' };
  }
  const body = payload as Record<string, unknown>;

  const schema2 = body.schema === '2.0';
  const hdr = isObject(body.header) ? body.header : undefined;
  const token = schema2 ? hdr?.token : body.token;
  if (keys.verificationToken && !(typeof token === 'string' && sameText(token, keys.verificationToken))) {
    return { ok: false, status: 401, reason: 'verification token mismatch' };
  }

  if (body.type === 'url_verification') {
    if (typeof body.challenge !== 'string') return { ok: false, status: 400, reason: 'challenge missing' };
    return { ok: true, challenge: body.challenge };
  }

  const who = checkAppAndTenant(body, keys);
  if (who) return { ok: false, status: 401, reason: who };

  if (keys.encryptKey) {
    const timestamp = header(headers, 'x-lark-request-timestamp');
    const nonce = header(headers, 'x-lark-request-nonce');
    const signature = header(headers, 'x-lark-signature');
    if (!timestamp || !nonce || !signature) return { ok: false, status: 401, reason: 'signature headers missing' };
    if (!sameText(signBody(timestamp, nonce, keys.encryptKey, rawBody), signature)) {
      return { ok: false, status: 401, reason: 'signature mismatch' };
    }
    const sentAt = Number(timestamp) * 1000;
    if (!Number.isFinite(sentAt) || Math.abs(now.getTime() - sentAt) > MAX_CLOCK_SKEW_MS) {
      return { ok: false, status: 401, reason: 'timestamp outside the 5-minute window' };
    }
  }
  return { ok: true, payload: body };
}

/**
 * The app and tenant a callback names: schema 2.0 in `header`, v1 events in `event`, the flat card
 * callback only `tenant_key` (it carries no app id; its token was checked above). Null when fine.
 */
export function checkAppAndTenant(body: Record<string, unknown>, keys: Pick<VerifyKeys, 'appId' | 'tenantKey'>): string | null {
  const hdr = isObject(body.header) ? body.header : undefined;
  const ev = isObject(body.event) ? body.event : undefined;
  const source = body.schema === '2.0' ? hdr : ev ?? body;
  const appId = source?.app_id;
  const tenantKey = source?.tenant_key ?? body.tenant_key;
  if (keys.appId) {
    if (body.schema === '2.0' && typeof appId !== 'string') return 'app_id missing';
    if (appId !== undefined && appId !== keys.appId) return 'app_id is not LARK_APP_ID';
  }
  if (keys.tenantKey && tenantKey !== keys.tenantKey) return typeof tenantKey === 'string' ? 'tenant_key is not LARK_TENANT_KEY' : 'tenant_key missing';
  return null;
}

/** The event type of a verified body: schema 2.0 `header.event_type`, or v1 `event.type`. */
export function eventTypeOf(payload: Record<string, unknown>): string | undefined {
  const hdr = isObject(payload.header) ? payload.header : undefined;
  const ev = isObject(payload.event) ? payload.event : undefined;
  const t = payload.schema === '2.0' ? hdr?.event_type : ev?.type;
  return typeof t === 'string' ? t : undefined;
}

/**
 * The event id of a body as Lark sends it (schema 2.0 `header.event_id`, v1 `uuid`), or of the
 * data the SDK hands an event handler (it flattens the header: `event_id`).
 */
export function eventIdOf(payload: unknown): string | undefined {
  if (!isObject(payload)) return undefined;
  const hdr = isObject(payload.header) ? payload.header : undefined;
  const id = hdr?.event_id ?? payload.event_id ?? payload.uuid;
  return typeof id === 'string' ? id : undefined;
}
