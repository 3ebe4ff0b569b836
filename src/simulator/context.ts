import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Now } from '../domain/clock.ts';
import { Injector, type Failure, type RecordedCall, type RouteName } from './calls.ts';
import { SlidingWindows, type RateLimits, type WindowKey } from './limits.ts';
import type { FakeLarkState } from './state.ts';

/** Everything a fake route needs; one per running simulator. */
export interface SimContext {
  appId: string;
  appSecret: string;
  tenantKey: string;
  limits: RateLimits;
  now: Now;
  state: FakeLarkState;
  injector: Injector;
  windows: SlidingWindows;
  calls: RecordedCall[];
  unknownCalls: RecordedCall[];
  /** Issued tenant tokens → expiry (wall ms). */
  tokens: Map<string, number>;
  /** uuid → first message id and when it was sent (clock ms), for the 1 h dedupe. */
  uuids: Map<string, { message_id: string; at: number }>;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const ok = (data: unknown = {}): Answer => ({ status: 200, body: { code: 0, msg: 'success', data } });
export const failure = (f: Failure): Answer => ({ status: f.status, body: { code: f.code, msg: f.msg }, headers: f.headers });
export const bad = (code: number, msg: string, status = 400): Answer => ({ status, body: { code, msg } });

export function record(ctx: SimContext, route: RouteName, req: FastifyRequest, extra: Partial<RecordedCall> = {}): RecordedCall {
  const [path = req.url] = req.url.split('?');
  const call: RecordedCall = {
    route,
    method: req.method,
    path,
    query: { ...(req.query as Record<string, string>) },
    body: Buffer.isBuffer(req.body) ? { bytes: req.body.length } : req.body,
    ...describe(ctx, req),
    at: ctx.now(),
    ms: Date.now(),
    ...extra,
  };
  ctx.calls.push(call);
  return call;
}

/** uuid, target chat and card of a message call, known before it is authorised or refused. */
function describe(ctx: SimContext, req: FastifyRequest): Partial<RecordedCall> {
  const body = (Buffer.isBuffer(req.body) ? {} : (req.body ?? {})) as { uuid?: unknown; receive_id?: unknown; msg_type?: unknown; content?: unknown };
  const query = (req.query ?? {}) as { receive_id_type?: string };
  const params = (req.params ?? {}) as { message_id?: string };
  const out: Partial<RecordedCall> = {};
  if (typeof body.uuid === 'string') out.uuid = body.uuid;
  if (query.receive_id_type === 'chat_id' && typeof body.receive_id === 'string') out.chatId = body.receive_id;
  else if (params.message_id) out.chatId = ctx.state.messages.get(params.message_id)?.chat_id;
  if (typeof body.content === 'string' && (body.msg_type === 'interactive' || req.method === 'PATCH')) {
    try {
      out.card = JSON.parse(body.content);
    } catch {
      // Invalid content is the route's to refuse.
    }
  }
  return out;
}

export function send(reply: FastifyReply, call: RecordedCall, answer: Answer): FastifyReply {
  call.status = answer.status;
  const code = (answer.body as { code?: unknown } | null)?.code;
  if (typeof code === 'number') call.code = code;
  if (answer.headers) reply.headers(answer.headers);
  return reply.code(answer.status).send(answer.body);
}

/** Bearer check every Open API call goes through (tenant token issued by this fake, not expired). */
export function checkAuth(ctx: SimContext, req: FastifyRequest): Answer | null {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  const expiry = m ? ctx.tokens.get(m[1]!) : undefined;
  if (expiry !== undefined && expiry > Date.now()) return null;
  return bad(99991663, 'Invalid access token for authorization. Please make a request with token attached.');
}

/** The standard wrapper: record, authenticate, apply injected failures, then run the handler. */
export function api(
  ctx: SimContext,
  route: RouteName,
  handler: (req: FastifyRequest, call: RecordedCall) => Answer,
): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  return async (req, reply) => {
    const call = record(ctx, route, req);
    const denied = checkAuth(ctx, req);
    if (denied) return send(reply, call, denied);
    const injected = ctx.injector.take(route);
    if (injected) return send(reply, call, failure(injected));
    return send(reply, call, handler(req, call));
  };
}

export interface ThrottleKey extends WindowKey {
  /**
   * Who the limit protects. App-wide quotas answer HTTP 429 `{code: 99991400}` with the
   * x-ogw-ratelimit-* headers (frequency-control guide); per-chat, per-user and per-message limits
   * answer HTTP 400 `{code: 230020}` "This operation triggers the frequency limit" (message create /
   * reply / patch error tables), with no reset header.
   */
  scope: 'app' | 'target';
}

/** Applies the sliding-window limits; a refusal is answered as Lark answers that limit. */
export function throttle(ctx: SimContext, keys: ThrottleKey[]): Answer | null {
  const full = ctx.windows.take(keys, Date.now());
  if (!full) return null;
  const scope = keys.find((k) => k.key === full.key)?.scope ?? 'app';
  if (scope === 'target') return bad(230020, 'This operation triggers the frequency limit.');
  return {
    status: 429,
    body: { code: 99991400, msg: 'request trigger frequency limit' },
    headers: {
      'x-ogw-ratelimit-limit': String(full.max),
      'x-ogw-ratelimit-reset': String(Math.max(1, Math.ceil(full.waitMs / 1000))),
    },
  };
}
