import type { FastifyInstance } from 'fastify';
import type { FakeLark } from '../server.ts';
import { newId } from '../state.ts';
import { samplePdf } from '../sample-file.ts';
import { ConsoleError, postBotMenu, postCardAction, postUserMessage } from './act.ts';
import { CONSOLE_STEPS, type ConsoleOptions, type ConsoleStep } from './options.ts';
import { chatList, messageView } from './view.ts';

// JSON API of the console page. The page polls /snapshot each second; `since` makes an
// unchanged world a tiny answer.

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Largest file the console takes from the picker (base64 in a JSON body under the fake's 12 MB body limit). */
export const CONSOLE_FILE_MAX = 8 * 1024 * 1024;

function fileBytesOf(b: Record<string, unknown>): Buffer {
  const base64 = str(b.fileBase64);
  if (!base64) return samplePdf('Sample results report');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > CONSOLE_FILE_MAX) throw new ConsoleError(413, `控制台只能发送 ${CONSOLE_FILE_MAX / 1024 / 1024} MB 以内的文件`);
  return bytes;
}

export function apiRoutes(scope: FastifyInstance, fake: FakeLark, opts: ConsoleOptions): void {
  const state = fake.state;
  let version = 1;
  let chatsSeen = state.chats.size;
  state.onMessage(() => {
    version += 1;
  });
  const currentVersion = () => {
    if (state.chats.size !== chatsSeen) {
      chatsSeen = state.chats.size;
      version += 1;
    }
    return version;
  };
  const person = (openId: string | undefined) => {
    if (!openId || !state.users.has(openId)) throw new ConsoleError(400, '请选择一个已登记的身份');
    return openId;
  };

  scope.get<{ Querystring: { chat?: string; since?: string } }>('/api/snapshot', async (req) => {
    const v = currentVersion();
    if (req.query.since === String(v)) return { version: v, unchanged: true };
    const chatId = req.query.chat;
    return {
      version: v,
      bot: { openId: opts.botOpenId, name: opts.botName ?? '督办' },
      people: opts.people,
      users: Object.fromEntries([...state.users.values()].map((u) => [u.open_id, u.name])),
      steps: Boolean(opts.steps),
      menu: opts.menu ?? [],
      chats: chatList(state),
      messages: chatId ? state.messagesIn(chatId).map((m) => messageView(m, state, opts)) : [],
    };
  });

  scope.post('/api/p2p', async (req) => {
    const openId = person(str(obj(req.body).openId));
    const chat = state.p2pChatFor(openId);
    return { chat_id: chat.chat_id };
  });

  scope.post('/api/action', async (req) => {
    const b = obj(req.body);
    const messageId = str(b.messageId);
    if (!messageId) throw new ConsoleError(400, '缺少 messageId');
    const formValue = b.formValue === undefined ? undefined : obj(b.formValue);
    return postCardAction(fake, opts, { messageId, operator: person(str(b.operator)), name: str(b.name), tag: str(b.tag), value: b.value, formValue });
  });

  scope.post('/api/message', async (req) => {
    const b = obj(req.body);
    const chatId = str(b.chatId);
    if (!chatId) throw new ConsoleError(400, '缺少 chatId');
    const text = typeof b.text === 'string' ? b.text : '';
    // Other kinds a person can send: rich text (post), an image or a file.
    const kind = str(b.kind) ?? 'text';
    const body =
      kind === 'post'
        ? { type: 'post' as const, content: text.split('\n').map((line) => [{ tag: 'text', text: line }]) }
        : kind === 'image'
          ? { type: 'image' as const, imageKey: newId('img_v3_sim_') }
          : kind === 'file'
            ? { type: 'file' as const, fileKey: newId('file_v3_sim_'), fileName: str(b.fileName) ?? '成效报送示例.pdf' }
            : undefined;
    if (kind !== 'text' && !body) throw new ConsoleError(400, `未知消息类型：${kind}`);
    // A file: the picked file's bytes (base64), or the sample PDF; the fake serves them to duban.
    const fileBytes = kind === 'file' ? fileBytesOf(b) : undefined;
    return postUserMessage(fake, opts, { chatId, sender: person(str(b.sender)), text, body, fileBytes });
  });

  scope.post('/api/menu', async (req) => {
    const b = obj(req.body);
    const eventKey = str(b.eventKey);
    if (!eventKey) throw new ConsoleError(400, '缺少 eventKey');
    return postBotMenu(fake, opts, { operator: person(str(b.operator)), eventKey });
  });

  // A file the bot sent (im/v1/files), downloaded from the chat as Lark's client would.
  scope.get<{ Params: { key: string } }>('/api/files/:key', async (req, reply) => {
    const f = state.files.get(req.params.key);
    if (!f) throw new ConsoleError(404, '找不到这个文件');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
      .send(f.bytes);
  });

  scope.post('/api/steps', async (req) => {
    const step = str(obj(req.body).step);
    if (!step || !(CONSOLE_STEPS as readonly string[]).includes(step)) throw new ConsoleError(400, `未知步骤：${String(step)}`);
    if (!opts.steps) throw new ConsoleError(501, '此控制台未接入 duban 的定时步骤');
    return { line: await opts.steps(step as ConsoleStep) };
  });
}
