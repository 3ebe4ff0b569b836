// Sliding one-second windows, as Lark enforces "50 req/s per app" and "5 QPS per chat"
// (docs/lark.md#rate-limits). Only accepted calls count.

export interface RateLimits {
  /** Message create/reply calls per second for the whole app. */
  appPerSecond: number;
  /** Message create/reply calls per second into one chat (or to one user). */
  chatPerSecond: number;
  /** PATCH calls per second on one message. */
  messagePatchPerSecond: number;
}

export const DEFAULT_LIMITS: RateLimits = { appPerSecond: 50, chatPerSecond: 5, messagePatchPerSecond: 5 };

const WINDOW_MS = 1000;

export class SlidingWindows {
  private readonly hits = new Map<string, number[]>();

  /**
   * Checks all keys at once; if every one has room, records the hit and returns null,
   * otherwise returns the key that is full and the ms until it has room again.
   */
  take(keys: Array<{ key: string; max: number }>, nowMs: number): { key: string; waitMs: number; max: number } | null {
    for (const { key, max } of keys) {
      const list = this.prune(key, nowMs);
      if (list.length >= max) return { key, max, waitMs: list[0]! + WINDOW_MS - nowMs };
    }
    for (const { key } of keys) this.hits.get(key)!.push(nowMs);
    return null;
  }

  private prune(key: string, nowMs: number): number[] {
    let list = this.hits.get(key);
    if (!list) {
      list = [];
      this.hits.set(key, list);
    }
    while (list.length && list[0]! <= nowMs - WINDOW_MS) list.shift();
    return list;
  }
}
