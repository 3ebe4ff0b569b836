import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildSignedRequest, encryptPayload } from '../../src/lark/crypto.ts';

// Lark callbacks for tests: schema 2.0 payloads shaped as in docs/lark.md#card-callbacks, encrypted and
// signed exactly as Lark does (compact JSON, signature over the body bytes).

export const APP_ID = 'cli_a1b2c3d4e5f60718';
export const ENCRYPT_KEY = 'test-encrypt-key-9f8e7d6c';
export const VERIFICATION_TOKEN = 'test-verification-token-5a4b3c';

let seq = 0;
export const newEventId = (): string => `ev_${randomBytes(6).toString('hex')}_${++seq}`;

const header = (eventId: string, type: string, token: string) => ({
  event_id: eventId,
  token,
  create_time: String(Date.now()),
  event_type: type,
  tenant_key: 'tenant_test',
  app_id: APP_ID,
});

export function messageEvent(opts: { eventId?: string; text?: string; token?: string; chatId?: string; senderType?: string } = {}) {
  return {
    schema: '2.0',
    header: header(opts.eventId ?? newEventId(), 'im.message.receive_v1', opts.token ?? VERIFICATION_TOKEN),
    event: {
      sender: { sender_id: { open_id: 'ou_sender1', union_id: 'on_sender1', user_id: null }, sender_type: opts.senderType ?? 'user', tenant_key: 'tenant_test' },
      message: {
        message_id: `om_${randomBytes(4).toString('hex')}`,
        create_time: String(Date.now()),
        chat_id: opts.chatId ?? 'oc_chat1',
        chat_type: 'group',
        message_type: 'text',
        content: JSON.stringify({ text: opts.text ?? '@_user_1 任务5进展？' }),
        mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot', union_id: 'on_bot', user_id: '' }, name: '督办', tenant_key: 'tenant_test' }],
      },
    },
  };
}

export function cardActionEvent(opts: { eventId?: string; token?: string; cardToken?: string; value?: unknown } = {}) {
  return {
    schema: '2.0',
    header: header(opts.eventId ?? newEventId(), 'card.action.trigger', opts.token ?? VERIFICATION_TOKEN),
    event: {
      operator: { tenant_key: 'tenant_test', user_id: 'u1', open_id: 'ou_operator1', union_id: 'on_operator1' },
      token: opts.cardToken ?? 'c-card-update-token-123456',
      action: { value: opts.value ?? { taskId: 5, status: 'done' }, tag: 'button', name: 'submit', form_value: { note: '已完成' } },
      host: 'im_message',
      context: { open_message_id: 'om_card1', open_chat_id: 'oc_chat1' },
    },
  };
}

export const challenge = (value: string, token = VERIFICATION_TOKEN) => ({ challenge: value, token, type: 'url_verification' });

export interface SendOptions {
  /** Encrypt and sign with this key; omit for a plain, unsigned body. */
  encryptKey?: string;
  /** Signing time; default now. */
  at?: Date;
  /** Override headers after signing (forgeries). */
  headers?: Record<string, string>;
}

/** Sends a payload to /lark/events as Lark would. */
export async function sendToLark(app: FastifyInstance, payload: unknown, opts: SendOptions = {}): Promise<LightMyRequestResponse> {
  const at = opts.at ?? new Date();
  const signed = buildSignedRequest(payload, {
    encryptKey: opts.encryptKey,
    timestamp: String(Math.floor(at.getTime() / 1000)),
    nonce: randomBytes(8).toString('hex'),
  });
  return app.inject({ method: 'POST', url: '/lark/events', headers: { ...signed.headers, ...opts.headers }, payload: signed.body });
}

/** Lark sends the challenge encrypted (and, as far as documented, unsigned) once a key is set. */
export async function sendEncryptedUnsigned(app: FastifyInstance, payload: unknown, encryptKey: string): Promise<LightMyRequestResponse> {
  const body = JSON.stringify({ encrypt: encryptPayload(encryptKey, JSON.stringify(payload)) });
  return app.inject({ method: 'POST', url: '/lark/events', headers: { 'content-type': 'application/json' }, payload: body });
}
