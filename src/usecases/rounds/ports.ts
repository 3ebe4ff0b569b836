import type { LarkOperation } from '../../lark/operations.ts';
import type { EnqueueMeta } from '../../queue/outbox.ts';

/** How use cases send: one outbox enqueue per logical message (purpose + ref make it idempotent). */
export type Send = (op: LarkOperation, meta: EnqueueMeta) => Promise<unknown>;

export interface RoundDeps {
  send: Send;
  now: Date;
  timezone: string;
  /** Progress lines for the CLI. */
  progress?: (line: string) => void;
}
