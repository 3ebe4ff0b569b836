import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../../src/config/schema.ts';
import { createLarkClient } from '../../src/lark/client.ts';
import { startFakeLark, type FakeLark, type FakeLarkOptions } from '../../src/simulator/index.ts';

/** A realistic app id (the SDK's WSClient checks the cli_ + 16 hex form). */
export const TEST_APP = { appId: 'cli_a1b2c3d4e5f60718', appSecret: 'sim-app-secret-do-not-log' } as const;

export function larkConfigFor(fake: FakeLark, over: Partial<Config['lark']> = {}): Config['lark'] {
  return { ...TEST_APP, domain: fake.url, eventMode: 'webhook', ...over };
}

/** A fake Lark plus a real SDK client pointed at it, with its own token cache. */
export async function startTestLark(opts: Partial<FakeLarkOptions> = {}): Promise<{ fake: FakeLark; client: lark.Client; config: Config['lark'] }> {
  const fake = await startFakeLark({ ...TEST_APP, ...opts });
  const config = larkConfigFor(fake);
  return { fake, client: createLarkClient(config), config };
}

/** Calls of one route that Lark accepted (2xx), e.g. to count real sends. */
export const accepted = (fake: FakeLark, route: string) => fake.calls.filter((c) => c.route === route && c.status === 200);

/** The most calls one key saw inside any sliding one-second window. */
export function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= 1000) lo++;
    peak = Math.max(peak, hi - lo + 1);
  }
  return peak;
}

/** Polls until `check` returns a truthy value (tests never sleep for a fixed time). */
type Maybe<T> = T | null | undefined | false;

export async function waitFor<T>(check: () => Promise<Maybe<T>> | Maybe<T>, timeoutMs = 15_000, stepMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`waitFor: timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const card = (title: string, extra: Record<string, unknown> = {}) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content: title }] },
  ...extra,
});
