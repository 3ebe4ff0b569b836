// What duban needs of the SDK's EventDispatcher, without loading the SDK: it is one 6 MB bundle
// that adds about 55 MB resident to a process, and a web process needs nothing else of it.
// Routes a verified, decrypted payload on its event type and hands the handler the header and
// event fields flattened into one object, exactly as the SDK's RequestHandle.parse does
// (docs/lark.md#event-dispatcher): schema 2.0 `{...rest, ...header, ...event}` (so a card's
// `event.token` overwrites `header.token`), v1 `{...event, ...rest}`. Only own enumerable fields
// are copied: headers the route puts on the prototype stay out. The WS client calls invoke() too.

export type EventHandler = (data: Record<string, unknown>) => Promise<unknown>;

export interface EventRouter {
  readonly handles: ReadonlyMap<string, EventHandler>;
  /** The SDK's `invoke(data, {needCheck: false})`: the handler's answer, or a string when no handler has the type. */
  invoke(data: unknown, params?: { needCheck?: boolean }): Promise<unknown>;
}

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields => (typeof v === 'object' && v !== null ? (v as Fields) : {});

/** The handler's argument and the event type, as the SDK computes them. */
export function flattenEvent(data: unknown): { type: unknown; flat: Fields } {
  const { encrypt: _encrypt, ...body } = { ...fields(data) };
  if ('schema' in body) {
    const { header, event, ...rest } = body;
    return { type: fields(header).event_type, flat: { ...rest, ...fields(header), ...fields(event) } };
  }
  const { event, ...rest } = body;
  return { type: fields(event).type, flat: { ...fields(event), ...rest } };
}

export function createEventRouter(handlers: Record<string, EventHandler>): EventRouter {
  const handles = new Map(Object.entries(handlers));
  return {
    handles,
    async invoke(data) {
      const { type, flat } = flattenEvent(data);
      const handler = typeof type === 'string' ? handles.get(type) : undefined;
      return handler ? handler(flat) : `no ${String(type)} event handle`;
    },
  };
}
