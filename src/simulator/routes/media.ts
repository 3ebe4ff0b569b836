import type { FastifyInstance } from 'fastify';
import { updateCardRefusal } from '../card-check.ts';
import { api, bad, ok, type SimContext } from '../context.ts';
import { boundaryOf, parseMultipart } from '../multipart.ts';
import { newId } from '../state.ts';

// Image upload (https://open.feishu.cn/document/server-docs/im-v1/image/create) and the delayed
// card update after a card callback (https://open.feishu.cn/document/feishu-cards/card-callback-communication).

const MAX_IMAGE = 10 * 1024 * 1024;
const TOKEN_TTL_MS = 30 * 60 * 1000;

/** Hands out a card update token for a card.action.trigger payload: 30 min, at most 2 uses. */
export function issueCardToken(ctx: SimContext, messageId: string): string {
  const token = newId('c-', 16);
  ctx.state.cardTokens.set(token, { message_id: messageId, usesLeft: 2, expiresAt: ctx.now().getTime() + TOKEN_TTL_MS });
  return token;
}

export function mediaRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post(
    '/open-apis/im/v1/images',
    api(ctx, 'image', (req, call) => {
      const boundary = boundaryOf(req.headers['content-type']);
      if (!boundary || !Buffer.isBuffer(req.body)) return bad(99992402, 'simulator: expected multipart/form-data');
      const parts = parseMultipart(req.body, boundary);
      const imageType = parts.find((p) => p.name === 'image_type')?.data.toString('utf8');
      const image = parts.find((p) => p.name === 'image')?.data;
      call.body = { image_type: imageType, image_bytes: image?.length ?? 0 };
      if (imageType !== 'message' && imageType !== 'avatar') return bad(99992402, 'field validation failed: image_type');
      if (!image || image.length === 0) return bad(234001, 'Invalid request param: image is empty');
      if (image.length > MAX_IMAGE) return bad(234006, 'The image size exceeds the limit');
      const key = newId('img_v3_sim_');
      ctx.state.images.set(key, { image_type: imageType, bytes: image });
      return ok({ image_key: key });
    }),
  );

  app.post(
    '/open-apis/interactive/v1/card/update',
    api(ctx, 'card_update', (req, call) => {
      const body = (req.body ?? {}) as { token?: string; card?: unknown };
      call.card = body.card;
      const entry = body.token ? ctx.state.cardTokens.get(body.token) : undefined;
      const nowMs = ctx.now().getTime();
      if (!entry || entry.expiresAt < nowMs || entry.usesLeft <= 0) return bad(300021, 'simulator: card token invalid, expired or used twice');
      if (!body.card || typeof body.card !== 'object') return bad(300001, 'simulator: card must be the complete card JSON');
      const refused = updateCardRefusal(body.card);
      if (refused) return refused;
      const m = ctx.state.messages.get(entry.message_id);
      if (!m) return bad(300021, 'simulator: the card of this token is gone');
      call.chatId = m.chat_id;
      entry.usesLeft -= 1;
      ctx.state.updateCard(m, JSON.stringify(body.card), body.card, ctx.now(), 'card_update');
      return { status: 200, body: { code: 0, msg: 'ok' } };
    }),
  );
}
