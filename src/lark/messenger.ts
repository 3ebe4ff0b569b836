import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { clearTenantToken } from './client.ts';
import { classifyLarkCode, classifyLarkError, LarkCallError } from './errors.ts';
import { encodeContent, type LarkOperation, type LarkResult } from './operations.ts';

// Performs exactly one Lark call per outbox job. Retries across time belong to the outbox
// worker; the only retry here is the immediate one after a stale token (99991663), which the
// SDK does not handle itself (docs/lark.md#client-and-token).

export interface Messenger {
  /** `uuid` is Lark's idempotency key for send/reply (≤ 50 chars, 1 h window). */
  perform(op: LarkOperation, uuid?: string): Promise<LarkResult>;
}

export interface MessengerDeps {
  client: lark.Client;
  logger?: Logger;
}

interface LarkBody {
  code?: number;
  msg?: string;
  data?: { message_id?: string; chat_id?: string };
}

/** A 2xx answer carrying code ≠ 0 is a failure too. */
function checked(body: LarkBody | null | undefined, operation: string): LarkBody {
  const code = body?.code;
  if (typeof code === 'number' && code !== 0) throw new LarkCallError(classifyLarkCode(200, code, body?.msg), operation);
  return body ?? {};
}

async function call(client: lark.Client, op: LarkOperation, uuid: string | undefined): Promise<LarkResult> {
  switch (op.kind) {
    case 'send': {
      const [type, id] = 'chatId' in op.to ? (['chat_id', op.to.chatId] as const) : (['open_id', op.to.openId] as const);
      const res = checked(
        await client.im.message.create({ params: { receive_id_type: type }, data: { receive_id: id, ...encodeContent(op.content), uuid } }),
        op.kind,
      );
      return { messageId: res.data?.message_id, chatId: res.data?.chat_id };
    }
    case 'reply': {
      const res = checked(
        await client.im.message.reply({
          path: { message_id: op.messageId },
          data: { ...encodeContent(op.content), reply_in_thread: op.inThread, uuid },
        }),
        op.kind,
      );
      return { messageId: res.data?.message_id, chatId: res.data?.chat_id };
    }
    case 'patch':
      checked(await client.im.message.patch({ path: { message_id: op.messageId }, data: { content: JSON.stringify(op.card) } }), op.kind);
      return { messageId: op.messageId, chatId: op.chatId };
    case 'image': {
      // The SDK resolves image.create to the `data` object ({image_key}), or null.
      const res = await client.im.image.create({ data: { image_type: op.imageType ?? 'message', image: Buffer.from(op.imageBase64, 'base64') } });
      if (!res?.image_key) throw new LarkCallError({ kind: 'rejected', msg: 'no image_key in the answer' }, op.kind);
      return { imageKey: res.image_key };
    }
    case 'file': {
      // The SDK resolves file.create to the `data` object ({file_key}), or null.
      const up = await client.im.file.create({ data: { file_type: op.fileType, file_name: op.fileName, file: Buffer.from(op.fileBase64, 'base64') } });
      if (!up?.file_key) throw new LarkCallError({ kind: 'rejected', msg: 'no file_key in the answer' }, op.kind);
      const [type, id] = 'chatId' in op.to ? (['chat_id', op.to.chatId] as const) : (['open_id', op.to.openId] as const);
      const res = checked(
        await client.im.message.create({ params: { receive_id_type: type }, data: { receive_id: id, msg_type: 'file', content: JSON.stringify({ file_key: up.file_key }), uuid } }),
        op.kind,
      );
      return { messageId: res.data?.message_id, chatId: res.data?.chat_id, fileKey: up.file_key };
    }
    case 'card_update':
      checked(
        await client.request<LarkBody>({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token: op.token, card: op.card } }),
        op.kind,
      );
      return {};
  }
}

const toCallError = (e: unknown, operation: string): LarkCallError =>
  e instanceof LarkCallError ? e : new LarkCallError(classifyLarkError(e), operation, e);

export function createMessenger({ client, logger }: MessengerDeps): Messenger {
  return {
    async perform(op, uuid) {
      try {
        return await call(client, op, uuid);
      } catch (e) {
        const err = toCallError(e, op.kind);
        if (err.failure.kind !== 'token_invalid') throw err;
        logger?.warn({ op: op.kind, code: err.failure.code }, 'lark token rejected; fetching a new one and retrying once');
        await clearTenantToken(client);
        try {
          return await call(client, op, uuid);
        } catch (again) {
          const err2 = toCallError(again, op.kind);
          // A token refused twice in a row is an outage of auth, not a stale cache: retry later.
          if (err2.failure.kind === 'token_invalid') throw new LarkCallError({ ...err2.failure, kind: 'transient' }, op.kind, again);
          throw err2;
        }
      }
    },
  };
}
