import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeLark } from '../../src/simulator/index.ts';
import { createFileDownloader } from '../../src/lark/resources.ts';
import { samplePdf } from '../../src/simulator/sample-file.ts';
import { newId } from '../../src/simulator/state.ts';
import { startTestLark } from '../support/fake-lark.ts';

// The fake's 获取消息中的资源文件 (GET /open-apis/im/v1/messages/:message_id/resources/:file_key),
// driven through the SDK as duban drives it: only a message's own resource, type image|file,
// no resources of cards, the bytes themselves on success.
let fake: FakeLark;
let client: lark.Client;

function userFile(chatId: string, fileName: string, bytes: Buffer): { messageId: string; fileKey: string } {
  const messageId = newId('om_');
  const fileKey = fake.addMessageFile(messageId, fileName, bytes);
  const t = String(Date.now());
  fake.state.addMessage({
    message_id: messageId,
    chat_id: chatId,
    msg_type: 'file',
    content: JSON.stringify({ file_key: fileKey, file_name: fileName }),
    create_time: t,
    update_time: t,
    updates: 0,
    sender: { id: 'ou_someone', id_type: 'open_id', sender_type: 'user' } as never,
  });
  return { messageId, fileKey };
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; code?: number; msg?: string }> {
  try {
    await p;
  } catch (e) {
    const res = (e as { response: { status: number; data: NodeJS.ReadableStream } }).response;
    const chunks: Buffer[] = [];
    for await (const c of res.data) chunks.push(Buffer.from(c as Buffer));
    return { status: res.status, ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code: number; msg: string }) };
  }
  throw new Error('expected the download to be refused');
}

beforeAll(async () => {
  ({ fake, client } = await startTestLark({ bot: { openId: 'ou_bot_res', name: '督办' } }));
  fake.addChat({ chat_id: 'oc_files', name: 'files' });
});
afterAll(() => fake.stop());

describe('message resources', () => {
  it('serves a message’s own file as its bytes, with its type and name', async () => {
    const bytes = samplePdf('served');
    const { messageId, fileKey } = userFile('oc_files', '成效 2021.pdf', bytes);
    const res = await client.im.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type: 'file' } });
    const chunks: Buffer[] = [];
    for await (const c of res.getReadableStream()) chunks.push(Buffer.from(c as Buffer));
    expect(Buffer.compare(Buffer.concat(chunks), bytes)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('成效 2021.pdf'));
    // duban's downloader reads it the same way, bounded
    expect(await createFileDownloader(client)(messageId, fileKey, 1024 * 1024)).toMatchObject({ ok: true, bytes });
    expect(await createFileDownloader(client)(messageId, fileKey, 100)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('refuses another message’s file (234003), an unknown message, a card’s resources (234043) and a type other than image|file (234001)', async () => {
    const a = userFile('oc_files', 'a.pdf', samplePdf('a'));
    const b = userFile('oc_files', 'b.pdf', samplePdf('b'));
    const get = (messageId: string, fileKey: string, type = 'file') => client.im.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type } });
    expect(await refusal(get(a.messageId, b.fileKey))).toEqual({ status: 400, code: 234003, msg: 'File not in msg.' });
    expect(await refusal(get('om_unknown', a.fileKey))).toMatchObject({ status: 400, code: 234003 });
    const sent = await client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_files', msg_type: 'text', content: JSON.stringify({ text: 'x' }) } });
    fake.state.messages.get(sent!.data!.message_id!)!.msg_type = 'interactive';
    expect(await refusal(get(sent!.data!.message_id!, a.fileKey))).toMatchObject({ status: 400, code: 234043 });
    expect(await refusal(get(a.messageId, a.fileKey, 'video'))).toMatchObject({ status: 400, code: 234001 });
    // duban's downloader classifies the refusal as final (no retry can help)
    await expect(createFileDownloader(client)(a.messageId, b.fileKey, 1024)).rejects.toMatchObject({ code: 'LARK_REJECTED', retryable: false, failure: { code: 234003 } });
  });

  it('needs a tenant token and counts toward the app’s rate limit', async () => {
    const a = userFile('oc_files', 'a.pdf', samplePdf('a'));
    const res = await fetch(`${fake.url}/open-apis/im/v1/messages/${a.messageId}/resources/${a.fileKey}?type=file`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: number }).code).toBe(99991663);
    fake.inject({ route: 'resource', status: 429 });
    expect(await refusal(client.im.messageResource.get({ path: { message_id: a.messageId, file_key: a.fileKey }, params: { type: 'file' } }))).toMatchObject({ status: 429, code: 99991400 });
  });
});
