/**
 * Queue names. Job ids never contain ':' (BullMQ uses it as a key separator).
 */
export const QUEUES = {
  /** Lark events and card actions accepted by the webhook / WS client, processed by workers. */
  inbound: 'inbound',
  /** Every outgoing Lark API call, rate-limited app-wide and per chat. */
  outbox: 'outbox',
  /** Scheduled steps: open round, remind, close round, digest. */
  schedules: 'schedules',
} as const;

/** A job id derived from a Lark event id, safe for BullMQ. */
export const eventJobId = (eventId: string): string => `ev-${eventId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
