import { readFileSync } from 'node:fs';
import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { createEventRouter } from '../../src/lark/inbound/event-router.ts';

// duban routes events without the SDK (it costs a web process about 55 MB): the handler must get
// what the SDK's EventDispatcher would hand it, field for field, for every payload shape.
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/lark/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** Own string-keyed fields: the SDK also tags the object with a symbol of its own. */
const stringKeyed = (d: object) => Object.fromEntries(Object.entries(d));

/** What each dispatcher hands its handler for `data`, and what invoke answers. */
async function both(type: string, data: unknown) {
  const seen: { sdk?: unknown; ours?: unknown } = {};
  const sdk = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.error }).register({ [type]: async (d: object) => ((seen.sdk = stringKeyed(d)), { ok: 'sdk' }) } as never);
  const ours = createEventRouter({ [type]: async (d) => ((seen.ours = stringKeyed(d)), { ok: 'ours' }) });
  const answers = { sdk: await sdk.invoke(data, { needCheck: false }), ours: await ours.invoke(data, { needCheck: false }) };
  return { seen, answers };
}

describe('the event router duban uses instead of the SDK dispatcher', () => {
  it('hands a card callback (schema 2.0) the same flattened object as the SDK, the card token over the header token', async () => {
    const data = fixture('card.action.trigger');
    const { seen, answers } = await both('card.action.trigger', data);
    expect(seen.ours).toEqual(seen.sdk);
    expect((seen.ours as { token: unknown }).token).toBe((data.event as { token: unknown }).token);
    expect(answers).toEqual({ sdk: { ok: 'sdk' }, ours: { ok: 'ours' } });
  });

  it('hands a message event the same object as the SDK', async () => {
    const { seen } = await both('im.message.receive_v1', fixture('im.message.receive_v1'));
    expect(seen.ours).toEqual(seen.sdk);
    expect(seen.ours).toMatchObject({ event_type: 'im.message.receive_v1', message: expect.any(Object) });
  });

  it('routes a v1 event on event.type with the event fields first, as the SDK does', async () => {
    const v1 = { uuid: 'u1', token: 'vt', ts: '1', type: 'event_callback', event: { type: 'p1_thing', app_id: 'cli_x', token: 'inner' } };
    const { seen } = await both('p1_thing', v1);
    expect(seen.ours).toEqual(seen.sdk);
    expect(seen.ours).toMatchObject({ token: 'vt', type: 'event_callback' });
  });

  it('leaves out fields on the prototype (the request headers) and answers a string for a type without handler', async () => {
    const data = Object.assign(Object.create({ headers: { 'x-lark-signature': 's' } }) as object, fixture('card.action.trigger'));
    const { seen } = await both('card.action.trigger', data);
    expect(seen.ours).not.toHaveProperty('headers');
    expect(seen.ours).toEqual(seen.sdk);
    const router = createEventRouter({});
    expect(router.handles.size).toBe(0);
    expect(await router.invoke(fixture('card.action.trigger'))).toBe('no card.action.trigger event handle');
  });
});
