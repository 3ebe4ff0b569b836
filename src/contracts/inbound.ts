import type { Logger } from 'pino';
import type { Tx } from '../db/client.ts';
import type { Now } from '../domain/clock.ts';

// The inbound contract, in one place: what Lark delivers (normalised), what a route answers and
// queues, the job envelope on the inbound queue, the kinds and their payloads, and the handler
// signature. Types only. lark/ (the dispatcher), queue/ (enqueue and worker) and usecases/
// (routes and handlers) all import this file and none of them imports another for it.
//
// Adding a kind: add it to InboundPayloads below. Then `createInboundHandlers`
// (src/usecases/inbound/handlers.ts) fails to compile until it has a handler for it, and a route
// can only queue it with the payload type named here.

/** The Lark event `im.message.receive_v1` (docs/lark.md#message-events), normalised by lark/inbound/events.ts. */
export interface LarkMessage {
  eventId: string;
  messageId: string;
  chatId: string;
  chatType: string; // p2p | group
  messageType: string; // text | post | image | …
  /** The raw JSON string Lark sends as `message.content`. */
  content: string;
  /** For text messages: the text with mention placeholders (`@_user_1`) still in place. */
  text?: string;
  senderOpenId?: string;
  senderType: string; // user | app
  mentions: { key: string; openId?: string; name: string }[];
  rootId?: string;
  parentId?: string;
  threadId?: string;
  createTime?: string;
}

/** The Lark callback `card.action.trigger` (docs/lark.md#card-callbacks), normalised by lark/inbound/events.ts. */
export interface LarkCardAction {
  eventId: string;
  operatorOpenId?: string;
  operatorUserId?: string;
  /** The clicked component's `behaviors[].value`. */
  value: unknown;
  formValue?: Record<string, unknown>;
  tag?: string;
  name?: string;
  option?: string;
  options?: string[];
  inputValue?: string;
  checked?: boolean;
  timezone?: string;
  openMessageId?: string;
  openChatId?: string;
  /** Card update token (`c-…`, 30 min, 2 uses): a credential, never logged. */
  cardToken?: string;
  host?: string;
}

/** A card submission accepted by the route: the worker stores it as a status report. */
export interface ReportJobPayload {
  planId: number;
  roundId: number;
  departmentId: number;
  taskId: number;
  status: string;
  progress: number;
  note: string;
  evidenceUrl: string | null;
  /** 办结佐证: a 已完成 without a link rests on this attached file (evidence_files.id) */
  evidenceFileId?: number;
  reporterOpenId: string;
}

/** An indicator value entered on a card. */
export interface IndicatorJobPayload {
  planId: number;
  roundId: number;
  departmentId: number;
  indicatorId: number;
  value: number;
  reporterOpenId: string;
}

/** "Task details" clicked on a card: the worker sends the task's card privately. */
export interface TaskDetailJobPayload {
  taskId: number;
  openId: string;
  /** The card's chat and message, to tell the person there if the private message cannot reach them. */
  chatId?: string;
  messageId?: string;
}

/** A question asked by clicking a button (an ask-back candidate or a guess): answered privately. */
export interface AskJobPayload {
  question: string;
  openId: string;
  /** The card's chat and message, to tell the person there if the private message cannot reach them. */
  chatId?: string;
  messageId?: string;
}

/** The bot was added to or removed from a group (im.chat.member.bot.added_v1 / deleted_v1). */
export interface BotMembershipPayload {
  chatId: string;
  chatName?: string;
  change: 'added' | 'removed';
  operatorOpenId?: string;
}

/** 申请延期 clicked on a task's block: the worker sends the reporter the extension card privately. */
export interface ExtensionFormJobPayload {
  planId: number;
  departmentId: number;
  taskId: number;
  openId: string;
  chatId?: string;
  messageId?: string;
}

/**
 * An admin operation asked in Lark (issue 18): a chat command (开启填报, /催办 …) or a click in the
 * bot's menu (`application.bot.menu_v6`). The worker checks the asker is an admin, then sends the
 * confirmation card; nothing runs before 确认.
 */
export interface OperationRequestPayload {
  /** An operation name (src/domain/operations.ts), or the menu's `event_key` as Lark sent it (checked by the worker). */
  operation: string;
  source: 'message' | 'menu';
  operatorOpenId: string;
  /** A chat command's chat and message: the answer is a reply there. A menu click has none (answered privately). */
  chatId?: string;
  messageId?: string;
}

/** An extension card submitted (validated and authorised by the route): stored, sent to the approvers. */
export interface ExtensionRequestJobPayload {
  planId: number;
  departmentId: number;
  taskId: number;
  newDueDate: string;
  reason: string;
  requesterOpenId: string;
}

/** 同意 / 不同意 (extension) or 通过 / 退回 (completion) by an approver the route checked. */
export interface DecisionJobPayload {
  decision: 'approve' | 'refuse';
  comment: string;
  deciderOpenId: string;
}

export interface ExtensionDecisionJobPayload extends DecisionJobPayload {
  extensionId: number;
}

export interface CompletionDecisionJobPayload extends DecisionJobPayload {
  reviewId: number;
}

/**
 * A file message (`message_type: file`): the worker takes it as a unit's 成效报送 electronic report,
 * downloading it through Lark's message resource API. `departmentId` is set when the sender chose
 * the unit on a card (someone reporting for several units, in a private chat).
 */
export interface ResultFileJobPayload {
  messageId: string;
  chatId: string;
  chatType: string;
  senderOpenId: string;
  fileKey: string;
  fileName: string;
  /** the message's create_time (ms since epoch, as Lark sends it) */
  createTime?: string;
  departmentId?: number;
}

/**
 * A task chosen on the 办结佐证 card for a file the unit's reporter sent (the route checked the
 * clicker reports for the unit and the task is the unit's and not yet done): the worker downloads
 * the file through Lark's message resource API, checks it and attaches it to the task.
 */
export interface EvidenceFileJobPayload {
  planId: number;
  taskId: number;
  departmentId: number;
  messageId: string;
  chatId: string;
  fileKey: string;
  fileName: string;
  /** who clicked (a reporter of the unit): the file's sender as far as duban is concerned */
  senderOpenId: string;
}

/** 查看佐证文件 on a completion's review card, by one of its reviewers: the file goes to them privately. */
export interface EvidenceFileSendJobPayload {
  reviewId: number;
  evidenceFileId: number;
  openId: string;
}

/** 纸质版已寄出 clicked on a unit's 成效报送 card, by one of its reporters. */
export interface ResultsPaperJobPayload {
  planId: number;
  departmentId: number;
  openId: string;
}

/** 确认 or 取消 clicked on an operation's confirmation card: confirm runs the operation once. */
export interface OperationDecisionPayload {
  operationId: number;
  decision: 'confirm' | 'cancel';
  operatorOpenId: string;
  /** The card's message and chat: the outcome is a reply to it. */
  messageId?: string;
  chatId?: string;
}

/** Every kind of inbound job, with its payload. The keys are the kinds stored in Redis. */
export interface InboundPayloads {
  /** A question or a directory command in a chat. */
  message: LarkMessage;
  /** A message the bot cannot read (image, file, …): answered with what it does read. */
  unsupported_message: LarkMessage;
  /** A card action queued as is (the default route, when no app logic is plugged in). */
  card_action: LarkCardAction;
  status_report: ReportJobPayload;
  indicator_value: IndicatorJobPayload;
  task_detail: TaskDetailJobPayload;
  ask: AskJobPayload;
  bot_membership: BotMembershipPayload;
  extension_form: ExtensionFormJobPayload;
  extension_request: ExtensionRequestJobPayload;
  extension_decision: ExtensionDecisionJobPayload;
  /** A reported 已完成: stored as 待审核 and sent to its reviewer (not batched: it sends a card). */
  completion_report: ReportJobPayload;
  completion_decision: CompletionDecisionJobPayload;
  result_file: ResultFileJobPayload;
  results_paper: ResultsPaperJobPayload;
  evidence_file: EvidenceFileJobPayload;
  evidence_file_send: EvidenceFileSendJobPayload;
  operation_request: OperationRequestPayload;
  operation_decision: OperationDecisionPayload;
}

export type InboundKind = keyof InboundPayloads;

/** A job a route wants queued: a kind and its payload. The dispatcher adds event id, type and time. */
export type InboundJobSpec = { [K in InboundKind]: { kind: K; payload: InboundPayloads[K] } }[InboundKind];

/** The envelope on the inbound queue, for one kind. */
export interface InboundJobOf<K extends InboundKind> {
  kind: K;
  /** Lark `header.event_id`: the job id and the processed_events key derive from it. */
  eventId: string;
  /** Lark event type, e.g. `im.message.receive_v1`, `card.action.trigger`. */
  eventType: string;
  /** ISO time the event was accepted. */
  receivedAt: string;
  payload: InboundPayloads[K];
}

/** What the webhook / WS handlers put on the inbound queue: one of the kinds above. */
export type InboundJob = { [K in InboundKind]: InboundJobOf<K> }[InboundKind];

/** Puts a job on the inbound queue; throws QUEUE_UNAVAILABLE (retryable) when it cannot. */
export type InboundEnqueue = (job: InboundJob) => Promise<void>;

export interface InboundJobContext {
  /** The transaction that also records the event id: write through it, nothing else. */
  tx: Tx;
  logger: Logger;
  now: Now;
}

/** Handles one kind of inbound job; throw DubanError(retryable:false) for what must not retry. */
export type InboundHandler<K extends InboundKind> = (job: InboundJobOf<K>, ctx: InboundJobContext) => Promise<void>;

/** One handler per kind: a kind without a handler does not compile. */
export type InboundHandlers = { [K in InboundKind]: InboundHandler<K> };

export interface Toast {
  type: 'success' | 'error' | 'info' | 'warning';
  content: string;
}

/** The body answering a card callback (docs/lark.md#answering-a-card-callback): a toast, optionally a replacement card. */
export interface CardActionResponse {
  toast?: Toast;
  card?: { type: 'raw'; data: Record<string, unknown> } | { type: 'template'; data: Record<string, unknown> };
}

/** What a card-action route returns: the answer, and the job to queue before it is sent. */
export interface CardActionOutcome extends CardActionResponse {
  toast: Toast;
  /** Queued before the answer is sent; if it cannot be queued the answer becomes an error toast. */
  job?: InboundJobSpec | null;
  /**
   * Called once the job is queued (never when queueing failed): what the route remembers of its
   * answer (the patched card) becomes true only then, so a later answer never shows a submission
   * that was refused as unavailable.
   */
  afterQueued?: () => void;
}

export interface RouteContext {
  logger: Logger;
  now: Now;
}

/**
 * The extension point later issues plug into. A route decides what to queue and what to answer;
 * it may read Postgres to authorise, but never writes it and never calls the Lark API.
 * Throwing a non-retryable DubanError from onCardAction shows its message as an error toast.
 */
export interface InboundRoutes {
  /** Return the job to queue, or null to ignore the message. */
  onMessage?(msg: LarkMessage, ctx: RouteContext): Promise<InboundJobSpec | null>;
  onCardAction?(action: LarkCardAction, ctx: RouteContext): Promise<CardActionOutcome>;
}
