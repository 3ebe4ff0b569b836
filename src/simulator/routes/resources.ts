import type { FastifyInstance } from 'fastify';
import { bad, checkAuth, failure, record, send, throttle, type SimContext } from '../context.ts';
import type { FakeMessage } from '../state.ts';

// 获取消息中的资源文件: GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=image|file
// (https://open.feishu.cn/document/server-docs/im-v1/message/get-2). The rules enforced, as strict as Lark:
// - tenant token required; 50 calls a second per app (HTTP 429 / 99991400 beyond);
// - `type` is image or file (234001 otherwise);
// - only the message's own resource: a key the message does not carry, or a message the bot cannot
//   see, answers 234003 "File not in msg.";
// - no resources of card or merged-forward messages (234043);
// - files up to 100 MB (234037 "Downloaded file size exceeds limit." beyond);
// - success is the bytes themselves, with Content-Type and Content-Disposition, not JSON.

export const MAX_RESOURCE_BYTES = 100 * 1024 * 1024;

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
  png: 'image/png',
  jpg: 'image/jpeg',
  txt: 'text/plain',
};

/** The keys a person's message carries in its content (file_key of a file, image_key of an image). */
function keysOf(m: FakeMessage): string[] {
  try {
    const c = JSON.parse(m.content) as { file_key?: unknown; image_key?: unknown };
    return [c.file_key, c.image_key].filter((k): k is string => typeof k === 'string');
  } catch {
    return [];
  }
}

export function resourceRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get<{ Params: { message_id: string; file_key: string }; Querystring: { type?: string } }>(
    '/open-apis/im/v1/messages/:message_id/resources/:file_key',
    async (req, reply) => {
      const call = record(ctx, 'resource', req);
      const denied = checkAuth(ctx, req);
      if (denied) return send(reply, call, denied);
      const injected = ctx.injector.take('resource');
      if (injected) return send(reply, call, failure(injected));
      const limited = throttle(ctx, [
        { key: 'app:resources', max: ctx.limits.appPerSecond, scope: 'app' },
        { key: 'app:resources:minute', max: ctx.limits.appPerMinute, windowMs: 60_000, scope: 'app' },
      ]);
      if (limited) return send(reply, call, limited);
      const { message_id: messageId, file_key: fileKey } = req.params;
      const type = req.query.type;
      if (type !== 'file' && type !== 'image') return send(reply, call, bad(234001, 'Invalid request param: type must be image or file.'));
      const m = ctx.state.messages.get(messageId);
      call.chatId = m?.chat_id;
      if (m && (m.msg_type === 'interactive' || m.msg_type === 'merge_forward')) {
        return send(reply, call, bad(234043, 'Unsupported message type: resources of card and merged-forward messages cannot be downloaded.'));
      }
      const file = ctx.state.messageFiles.get(fileKey);
      if (!m || !keysOf(m).includes(fileKey) || !file || file.message_id !== messageId) return send(reply, call, bad(234003, 'File not in msg.'));
      if (file.bytes.length > MAX_RESOURCE_BYTES) return send(reply, call, bad(234037, 'Downloaded file size exceeds limit.'));
      call.status = 200;
      call.code = 0;
      const ext = file.file_name.includes('.') ? file.file_name.slice(file.file_name.lastIndexOf('.') + 1).toLowerCase() : '';
      return reply
        .code(200)
        .header('content-type', MIME[ext] ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
        .send(file.bytes);
    },
  );
}
