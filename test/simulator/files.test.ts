import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeLark } from '../../src/simulator/index.ts';
import { FILE_ERRORS, MAX_FILE } from '../../src/simulator/routes/files.ts';
import { createMessenger } from '../../src/lark/messenger.ts';
import { startTestLark } from '../support/fake-lark.ts';

// The fake's im/v1/files as Lark documents it: ≤ 30 MB, never empty, file_type from the list;
// then a `file` message that names the uploaded key.

let fake: FakeLark;
let client: lark.Client;

async function rejection(p: Promise<unknown>): Promise<{ status?: number; data?: { code?: number; msg?: string } }> {
  try {
    await p;
  } catch (e) {
    return (e as { response: { status: number; data: { code: number } } }).response;
  }
  throw new Error('expected the call to fail');
}

const upload = (file: Buffer, fileType: string, fileName = '台账.xlsx') =>
  client.im.file.create({ data: { file_type: fileType as 'xls', file_name: fileName, file } });

beforeAll(async () => {
  ({ fake, client } = await startTestLark());
  fake.addUser({ open_id: 'ou_admin', name: '周督办' });
});
afterAll(() => fake.stop());

describe('file upload and file messages in the fake Lark', () => {
  it('stores an uploaded file and sends it as a file message in the private chat, byte for byte', async () => {
    const bytes = Buffer.from('PK\u0003\u0004 not really a workbook, but bytes all the same');
    const up = await upload(bytes, 'xls');
    expect(up?.file_key).toMatch(/^file_v3_sim_/);
    const res = await client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: 'ou_admin', msg_type: 'file', content: JSON.stringify({ file_key: up!.file_key }) } });
    expect(res.code).toBe(0);
    const m = fake.state.messages.get(res.data!.message_id!)!;
    expect(m).toMatchObject({ msg_type: 'file', chat_id: fake.state.p2pChatFor('ou_admin').chat_id });
    expect(fake.state.files.get(up!.file_key!)).toMatchObject({ file_type: 'xls', file_name: '台账.xlsx' });
    expect(fake.state.files.get(up!.file_key!)!.bytes.equals(bytes)).toBe(true);
  });

  it('sends the export through the messenger: upload, then one file message', async () => {
    const messenger = createMessenger({ client });
    const r = await messenger.perform({ kind: 'file', to: { openId: 'ou_admin' }, fileName: '成效报送.docx', fileType: 'doc', fileBase64: Buffer.from('docx bytes').toString('base64') }, 'u-export-1');
    expect(r.fileKey).toMatch(/^file_v3_sim_/);
    expect(fake.state.messages.get(r.messageId!)?.content).toBe(JSON.stringify({ file_key: r.fileKey }));
  });

  it('refuses an empty file with 234010 and stores nothing', async () => {
    const before = fake.state.files.size;
    const r = await rejection(upload(Buffer.alloc(0), 'xls'));
    expect(r).toMatchObject({ status: 400, data: { code: FILE_ERRORS.empty } });
    expect(fake.state.files.size).toBe(before);
  });

  it('refuses a file over 30 MB with 234006 and stores nothing', async () => {
    const before = fake.state.files.size;
    const r = await rejection(upload(Buffer.alloc(MAX_FILE + 1, 1), 'stream', 'big.bin'));
    expect(r).toMatchObject({ status: 400, data: { code: FILE_ERRORS.tooLarge } });
    expect(fake.state.files.size).toBe(before);
  });

  it('takes a file of exactly 30 MB', async () => {
    const up = await upload(Buffer.alloc(MAX_FILE, 1), 'stream', 'max.bin');
    expect(up?.file_key).toBeTruthy();
  });

  it('refuses a file_type outside opus/mp4/pdf/doc/xls/ppt/stream with 234001', async () => {
    const before = fake.state.files.size;
    const r = await rejection(upload(Buffer.from('x'), 'xlsx'));
    expect(r).toMatchObject({ status: 400, data: { code: FILE_ERRORS.invalidParam } });
    expect(fake.state.files.size).toBe(before);
  });

  it('refuses a file message whose file_key was never uploaded', async () => {
    const before = fake.messages.length;
    const r = await rejection(client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: 'ou_admin', msg_type: 'file', content: JSON.stringify({ file_key: 'file_v3_nope' }) } }));
    expect(r).toMatchObject({ status: 400, data: { code: 230001 } });
    expect(fake.messages.length).toBe(before);
  });
});
