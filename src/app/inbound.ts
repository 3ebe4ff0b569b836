import type { InboundHandlers, InboundRoutes } from '../contracts/inbound.ts';
import type { Db } from '../db/client.ts';
import type { InboundBatchHandlers } from '../queue/workers/inbound.worker.ts';
import { createInboundBatchHandlers } from '../usecases/inbound/batch-handlers.ts';
import { createAskCache } from '../usecases/ask.ts';
import { createCardActionRoute } from '../usecases/inbound/card-action-route.ts';
import { createInboundHandlers } from '../usecases/inbound/handlers.ts';
import { createMessageRoute } from '../usecases/inbound/message-route.ts';
import type { BotIdentity } from '../lark/bot-identity.ts';
import type { Now } from '../domain/clock.ts';
import { createRefusalNotices } from '../usecases/lark-refusals.ts';
import type { Send } from '../usecases/rounds/ports.ts';
import type { WebMemory } from './access.ts';
import type { FileDownload } from '../lark/resources.ts';
import type { ResultsSettings } from '../usecases/results/ports.ts';

/*
 * duban's inbound logic, wired: what a route accepts is what a handler stores.
 *
 * A card submission (status report), file by file, in the order it travels:
 *  1. src/http/routes/lark-events.ts        POST /lark/events: raw body, signature / token check (lark/inbound/verify.ts), decrypt
 *  2. src/lark/inbound/dispatcher.ts        `card.action.trigger` → normalised (lark/inbound/events.ts) → the route below
 *  3. src/usecases/inbound/card-action-route.ts  validate (domain/submission.ts), authorise (domain/authorise.ts)
 *                                           from memory (usecases/access-cache.ts, kept current by app/access.ts),
 *                                           the toast and the card with the submitted block patched
 *                                           (inbound/card-pages.ts); returns job `{ kind: 'status_report', payload }`
 *  4. src/contracts/inbound.ts              the job's kind, payload and envelope types (shared by 2, 3, 5, 6, 7)
 *  5. src/queue/inbound.ts                  enqueue (job id from the event id, 2 s bound); only then the answer goes back
 *  6. src/queue/workers/inbound.worker.ts   `status_report` jobs go to a micro-batcher (micro-batcher.ts); other kinds to
 *                                           processInboundJob: one transaction records the event id and runs the handler
 *  7. src/usecases/inbound/store-report-batch.ts  many queued reports in one transaction (a bad one isolated by halving);
 *                                           authorisation checked again on locked rows
 *                                           (db/repositories/submission-facts.repository.ts): revoked → dead letter
 *  8. src/db/repositories/report-batch.repository.ts  event ids, versions (report_versions counter row per key),
 *                                           reports and current status; failures: queue/workers/inbound-failures.ts
 *                                           (retry without limit, or the inbound_dead_letters table)
 * Nothing goes to the outbox for a submission: the card update is the callback's answer (step 3),
 * unless building it runs past the answer budget (CARD_ANSWER_BUDGET_MS): then the answer is the
 * toast alone and the card follows as a delayed update (`card_update`) through the outbox.
 * A file message (`result_file`, 成效报送) takes steps 1–6, then src/usecases/results/intake-file.ts
 * downloads it through Lark (src/lark/resources.ts), checks it and stores it in `result_files`.
 * Questions (`message`) and task details (`task_detail`) take steps 1–7, then answer through the
 * outbox (`send`, src/queue/outbox.ts → src/queue/workers/outbox.worker.ts → Lark).
 */

/** Which card actions and messages become jobs, and how they are answered at once. */
export function dubanRoutes(
  db: Db,
  o: { timezone: string; send: Send; bot: BotIdentity; budgetMs?: number; lateGraceDays?: number; memory?: Pick<WebMemory, 'access' | 'cards'>; results?: ResultsSettings },
): InboundRoutes {
  return {
    onCardAction: createCardActionRoute(db, { timezone: o.timezone, send: o.send, budgetMs: o.budgetMs, lateGraceDays: o.lateGraceDays, access: o.memory?.access, cards: o.memory?.cards, results: o.results }),
    onMessage: createMessageRoute(o.bot),
  };
}

/** The worker side: one handler per job kind. */
export function dubanHandlers(deps: { send: Send; timezone: string; bot?: BotIdentity; download?: FileDownload; results?: ResultsSettings }): InboundHandlers {
  return createInboundHandlers({ send: deps.send, timezone: deps.timezone, askCache: createAskCache(), bot: deps.bot, download: deps.download, results: deps.results });
}

/** What duban says when Lark refuses an outgoing call for good (src/usecases/lark-refusals.ts). */
export function dubanRefusalNotices(deps: { db: Db; send: Send; now: Now; timezone: string }) {
  return createRefusalNotices(deps);
}

/** Kinds the worker stores many at a time: status reports (src/usecases/inbound/store-report-batch.ts). */
export function dubanBatchHandlers(db: Db, now: Now): InboundBatchHandlers {
  return createInboundBatchHandlers(db, now);
}
