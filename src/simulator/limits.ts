// Sliding windows, as Lark enforces its send quotas (message create/reply/patch pages and the
// frequency-control guide; docs/lark.md#rate-limits): per app 50 calls a second and
// 1,000 a minute; per chat, per user and per patched message 5 a second. Only accepted calls count.

export interface RateLimits {
  /** Message create/reply calls per second for the whole app. */
  appPerSecond: number;
  /** Message create/reply calls per minute for the whole app (and, counted apart, PATCH calls). */
  appPerMinute: number;
  /** Message create/reply calls per second into one chat (or to one user). */
  chatPerSecond: number;
  /** PATCH calls per second on one message. */
  messagePatchPerSecond: number;
}

export const DEFAULT_LIMITS: RateLimits = { appPerSecond: 50, appPerMinute: 1000, chatPerSecond: 5, messagePatchPerSecond: 5 };

export interface WindowKey {
  key: string;
  max: number;
  /** Window length; default one second. */
  windowMs?: number;
}

export class SlidingWindows {
  private readonly hits = new Map<string, number[]>();

  /**
   * Checks all keys at once; if every one has room, records the hit and returns null,
   * otherwise returns the key that is full and the ms until it has room again.
   */
  take(keys: WindowKey[], nowMs: number): { key: string; waitMs: number; max: number } | null {
    for (const { key, max, windowMs = 1000 } of keys) {
      const list = this.prune(key, nowMs, windowMs);
      if (list.length >= max) return { key, max, waitMs: list[list.length - max]! + windowMs - nowMs };
    }
    for (const { key } of keys) this.hits.get(key)!.push(nowMs);
    return null;
  }

  private prune(key: string, nowMs: number, windowMs: number): number[] {
    let list = this.hits.get(key);
    if (!list) {
      list = [];
      this.hits.set(key, list);
    }
    while (list.length && list[0]! <= nowMs - windowMs) list.shift();
    return list;
  }
}
