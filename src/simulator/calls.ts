// The call log and the failure-injection rules of the fake Lark.

export type RouteName =
  | 'token'
  | 'create'
  | 'reply'
  | 'patch'
  | 'image'
  | 'file'
  | 'chats'
  | 'members'
  | 'user'
  | 'card_update'
  | 'bot_info'
  | 'batch_get_id'
  | 'resource'
  | 'malformed'
  | 'unknown';

export interface RecordedCall {
  route: RouteName;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body; multipart bodies as their text fields plus image size. */
  body: unknown;
  /** Parsed card JSON when the call carried an interactive card. */
  card?: unknown;
  uuid?: string;
  /** Chat the call targets, when known (for per-chat rate checks in tests). */
  chatId?: string;
  /** Clock time (from the `now` option). */
  at: Date;
  /** Wall-clock ms, for rate measurements independent of a shifted clock. */
  ms: number;
  status?: number;
  code?: number;
}

export type InjectRoute = 'create' | 'reply' | 'patch' | 'image' | 'file' | 'card_update' | 'resource' | 'any';

export interface Injection {
  route?: InjectRoute;
  /** How many matching calls fail (default 1). */
  times?: number;
  status: 429 | 500 | 502 | 503 | 400;
  /** Lark business code in the body; defaults: 429 → 99991400, 5xx → 1, 400 → 230001. */
  code?: number;
  /** For 429: the x-ogw-ratelimit-reset header in seconds (default 1). */
  resetSeconds?: number;
}

export interface Failure {
  status: number;
  code: number;
  msg: string;
  headers: Record<string, string>;
}

const INJECTABLE: ReadonlySet<RouteName> = new Set(['create', 'reply', 'patch', 'image', 'file', 'card_update', 'resource']);

export class Injector {
  private readonly rules: Array<Required<Omit<Injection, 'code' | 'resetSeconds'>> & Injection> = [];

  add(rule: Injection): void {
    this.rules.push({ ...rule, route: rule.route ?? 'any', times: rule.times ?? 1 });
  }

  /** Consumes one matching rule, if any, and returns the failure to answer with. */
  take(route: RouteName): Failure | null {
    if (!INJECTABLE.has(route)) return null;
    const i = this.rules.findIndex((r) => r.route === 'any' || r.route === route);
    if (i < 0) return null;
    const rule = this.rules[i]!;
    rule.times -= 1;
    if (rule.times <= 0) this.rules.splice(i, 1);
    return toFailure(rule);
  }

  get pending(): number {
    return this.rules.reduce((n, r) => n + r.times, 0);
  }
}

function toFailure(rule: Injection): Failure {
  if (rule.status === 429) {
    return {
      status: 429,
      code: rule.code ?? 99991400,
      msg: 'request trigger frequency limit',
      headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': String(rule.resetSeconds ?? 1) },
    };
  }
  if (rule.status >= 500) return { status: rule.status, code: rule.code ?? 1, msg: 'simulator: injected server error', headers: {} };
  return { status: 400, code: rule.code ?? 230001, msg: `simulator: injected error ${rule.code ?? 230001}`, headers: {} };
}
