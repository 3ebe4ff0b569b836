import Fastify, { type FastifyInstance } from 'fastify';
import type { Now } from '../domain/clock.ts';
import { Injector, type Injection, type RecordedCall } from './calls.ts';
import { bad, record, send, type SimContext } from './context.ts';
import { DEFAULT_LIMITS, SlidingWindows, type RateLimits } from './limits.ts';
import { authRoutes } from './routes/auth.ts';
import { botRoutes } from './routes/bot.ts';
import type { CallbackRecord } from './callbacks.ts';
import { directoryRoutes } from './routes/directory.ts';
import { issueCardToken, mediaRoutes } from './routes/media.ts';
import { messageRoutes } from './routes/messages.ts';
import { resourceRoutes } from './routes/resources.ts';
import { fileRoutes } from './routes/files.ts';
import { FakeLarkState, newId, type FakeBot, type FakeChat, type FakeMessage, type FakeUser, type MessageListener } from './state.ts';

export interface FakeLarkOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  appId: string;
  appSecret: string;
  tenantKey?: string;
  limits?: Partial<RateLimits>;
  now?: Now;
  /** The app's bot as GET /open-apis/bot/v3/info reports it (its open_id tells its @-mentions apart). */
  bot?: { openId: string; name: string };
  /** Told about every call to an unimplemented route (the CLI prints it). */
  onUnknown?: (call: RecordedCall) => void;
  /**
   * Adds routes before the server listens (fastify refuses them afterwards), e.g. the demo
   * console's `mountConsole`. `fake.url` is empty until the server listens.
   */
  mount?: (fake: FakeLark) => void | Promise<void>;
}

export interface FakeLark {
  /** Base URL to use as LARK_DOMAIN, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Every call, in arrival order (unknown routes included). */
  calls: RecordedCall[];
  /** Calls to routes the fake does not implement; tests assert this stays empty. */
  unknownCalls: RecordedCall[];
  state: FakeLarkState;
  /** Every card callback sent through deliverCardAction, with Lark's verdict on the answer. */
  callbacks: CallbackRecord[];
  /** The business clock messages are stamped with. */
  now: Now;
  /** The bot identity the fake reports. */
  readonly bot: FakeBot;
  setBot(bot: { openId: string; name: string }): void;
  /** All messages, in creation order. */
  readonly messages: FakeMessage[];
  addChat(chat: { chat_id: string; name: string; members?: string[] }): FakeChat;
  addUser(user: FakeUser): FakeUser;
  inject(rule: Injection): void;
  /** Changes the enforced limits from now on (tests of throttling, the demo console). */
  setLimits(limits: Partial<RateLimits>): void;
  /** Invalidates every tenant token issued so far (the next call gets 99991663). */
  revokeTokens(): void;
  /**
   * A file a person sends: its bytes under a new file_key, served by the message resource API to
   * `messageId` only. Returns the file_key for the message's content.
   */
  addMessageFile(messageId: string, fileName: string, bytes: Buffer): string;
  /** A card update token for a card.action.trigger payload about this message. */
  issueCardToken(messageId: string): string;
  onMessage(listener: MessageListener): () => void;
  app: FastifyInstance;
  stop(): Promise<void>;
}

/**
 * A local fake of the Lark Open API: only the endpoints duban calls, uuid dedupe, the documented
 * rate limits and failure injection. Any other route answers 404 and is recorded in unknownCalls.
 */
export async function startFakeLark(opts: FakeLarkOptions): Promise<FakeLark> {
  const ctx: SimContext = {
    appId: opts.appId,
    appSecret: opts.appSecret,
    tenantKey: opts.tenantKey ?? 'tenant_sim',
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    now: opts.now ?? (() => new Date()),
    state: new FakeLarkState(),
    injector: new Injector(),
    windows: new SlidingWindows(),
    calls: [],
    unknownCalls: [],
    tokens: new Map(),
    uuids: new Map(),
  };
  const app = Fastify({ logger: false, bodyLimit: 12 * 1024 * 1024, forceCloseConnections: true });
  // The SDK's image and file uploads are multipart; keep them raw and parse them in the route.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  if (opts.bot) ctx.state.bot = { open_id: opts.bot.openId, app_name: opts.bot.name };
  authRoutes(app, ctx);
  botRoutes(app, ctx);
  messageRoutes(app, ctx);
  mediaRoutes(app, ctx);
  resourceRoutes(app, ctx);
  fileRoutes(app, ctx);
  directoryRoutes(app, ctx);

  app.setNotFoundHandler(async (req, reply) => {
    const call = record(ctx, 'unknown', req);
    ctx.unknownCalls.push(call);
    opts.onUnknown?.(call);
    return send(reply, call, bad(-1, `simulator: unknown route ${req.method} ${req.url}`, 404));
  });
  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    // Malformed JSON and the like: answer as Lark would, and keep it in the log.
    const call = record(ctx, 'malformed', req);
    return send(reply, call, bad(99992402, `simulator: ${err.message}`, err.statusCode ?? 500));
  });

  const fake: FakeLark = {
    url: '',
    calls: ctx.calls,
    unknownCalls: ctx.unknownCalls,
    state: ctx.state,
    callbacks: [],
    now: ctx.now,
    get bot() {
      return ctx.state.bot;
    },
    setBot: (bot) => void (ctx.state.bot = { open_id: bot.openId, app_name: bot.name }),
    get messages() {
      return [...ctx.state.messages.values()];
    },
    addChat: (chat) => ctx.state.addChat(chat),
    addUser: (user) => ctx.state.addUser(user),
    inject: (rule) => ctx.injector.add(rule),
    setLimits: (limits) => Object.assign(ctx.limits, limits),
    revokeTokens: () => ctx.tokens.clear(),
    issueCardToken: (messageId) => issueCardToken(ctx, messageId),
    addMessageFile: (messageId, fileName, bytes) => {
      const key = newId('file_v3_sim_');
      ctx.state.messageFiles.set(key, { message_id: messageId, file_name: fileName, bytes });
      return key;
    },
    onMessage: (listener) => ctx.state.onMessage(listener),
    app,
    stop: () => app.close(),
  };
  await opts.mount?.(fake);
  const address = await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  fake.url = address.replace('[::1]', '127.0.0.1');
  return fake;
}
