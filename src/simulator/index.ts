// The fake Lark: Open API server (tests, demo) and the callback sender acting as Lark.
export { startFakeLark, type FakeLark, type FakeLarkOptions } from './server.ts';
export type { Injection, InjectRoute, RecordedCall, RouteName } from './calls.ts';
export type { FakeBot, FakeChat, FakeMessage, FakeUser, MessageEvent, MessageListener } from './state.ts';
export { DEFAULT_LIMITS, type RateLimits } from './limits.ts';
export * from './events.ts';
export { deliverCardAction, type CallbackRecord, type CardCallbackResult } from './callbacks.ts';
export { validateCard, type CardViolation } from './card-rules.ts';
export { checkCallbackAnswer } from './card-check.ts';
export * from './bot-events.ts';
