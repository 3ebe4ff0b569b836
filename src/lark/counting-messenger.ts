import type { Messenger } from './messenger.ts';
import { isLarkCallError } from './errors.ts';
import { metrics } from '../metrics.ts';

/** Counts every failed Lark call by its Lark code (or HTTP status, or kind) for /metrics. */
export function countingLarkErrors(messenger: Messenger): Messenger {
  return {
    async perform(op, uuid) {
      try {
        return await messenger.perform(op, uuid);
      } catch (e) {
        if (isLarkCallError(e)) metrics.larkApiErrors.inc({ code: String(e.failure.code ?? e.failure.status ?? e.failure.kind) });
        throw e;
      }
    },
  };
}

