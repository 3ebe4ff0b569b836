import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// The exact algorithms Lark uses for encrypted events and their signatures
// (SDK AESCipher and checkIsEventValidated; see docs/lark.md#callback-crypto-signature-and-token).

const aesKey = (encryptKey: string) => createHash('sha256').update(encryptKey).digest();

/** `{"encrypt": …}` payload: base64(iv ‖ aes-256-cbc(sha256(key), iv, json)). */
export function encryptPayload(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptPayload(encryptKey: string, encrypted: string): string {
  const buf = Buffer.from(encrypted, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** x-lark-signature = sha256hex(timestamp + nonce + encryptKey + body). */
export function signBody(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + body).digest('hex');
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * Builds a request exactly as Lark sends it: compact JSON, encrypted when a key is set, signed
 * over the body bytes. Used by the simulator and by tests.
 */
export function buildSignedRequest(
  payload: unknown,
  opts: { encryptKey?: string; timestamp: string; nonce: string },
): SignedRequest {
  const json = JSON.stringify(payload);
  if (!opts.encryptKey) return { body: json, headers: { 'content-type': 'application/json' } };
  const body = JSON.stringify({ encrypt: encryptPayload(opts.encryptKey, json) });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': opts.timestamp,
      'x-lark-request-nonce': opts.nonce,
      'x-lark-signature': signBody(opts.timestamp, opts.nonce, opts.encryptKey, body),
    },
  };
}
