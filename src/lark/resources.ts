import type * as lark from '@larksuiteoapi/node-sdk';
import type { Readable } from 'node:stream';
import { clearTenantToken } from './client.ts';
import { classifyLarkCode, classifyLarkError, LarkCallError } from './errors.ts';

// Downloads the file of a user's message: GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file
// (https://open.feishu.cn/document/server-docs/im-v1/message/get-2), through the SDK's
// im.messageResource.get. Lark serves only a message's own resources (234003 otherwise), files up
// to 100 MB (234037 beyond), and no resources of merged-forward or card messages (234043).

export type FileDownloadResult = { ok: true; bytes: Buffer; contentType?: string } | { ok: false; reason: 'too_large'; sizeBytes: number };

/** Reads at most `maxBytes`; a larger file is not read to its end. Throws LarkCallError when Lark refuses. */
export type FileDownload = (messageId: string, fileKey: string, maxBytes: number) => Promise<FileDownloadResult>;

/** The body of a refused download arrives as a stream (the SDK asked for one): read its {code,msg}. */
async function errorBody(e: unknown): Promise<unknown> {
  const res = (e as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> } })?.response;
  const data = res?.data as Readable | undefined;
  if (!res || !data || typeof (data as Readable).on !== 'function') return e;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of data) {
      chunks.push(Buffer.from(chunk as Buffer));
      size += (chunk as Buffer).length;
      if (size > 64 * 1024) break;
    }
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return { ...(e as object), response: { ...res, data: parsed } };
  } catch {
    return { ...(e as object), response: { ...res, data: {} } };
  }
}

async function readCapped(stream: Readable, maxBytes: number): Promise<FileDownloadResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.from(chunk as Buffer);
    size += b.length;
    if (size > maxBytes) {
      stream.destroy();
      return { ok: false, reason: 'too_large', sizeBytes: size };
    }
    chunks.push(b);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

async function download(client: lark.Client, messageId: string, fileKey: string, maxBytes: number): Promise<FileDownloadResult> {
  let res: Awaited<ReturnType<lark.Client['im']['messageResource']['get']>>;
  try {
    res = await client.im.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type: 'file' } });
  } catch (e) {
    throw new LarkCallError(classifyLarkError(await errorBody(e)), 'download');
  }
  const headers = (res.headers ?? {}) as Record<string, unknown>;
  const stream = res.getReadableStream();
  const type = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined;
  // A JSON answer with code ≠ 0 on HTTP 200 is a refusal too.
  if (type?.startsWith('application/json')) {
    const body = (await readCapped(stream, 64 * 1024)) as { ok: boolean; bytes?: Buffer };
    const parsed = body.ok && body.bytes ? (JSON.parse(body.bytes.toString('utf8')) as { code?: number; msg?: string }) : {};
    throw new LarkCallError(classifyLarkCode(200, parsed.code, parsed.msg), 'download');
  }
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    stream.destroy();
    return { ok: false, reason: 'too_large', sizeBytes: declared };
  }
  const read = await readCapped(stream, maxBytes);
  return read.ok ? { ...read, ...(type ? { contentType: type } : {}) } : read;
}

/** The downloader duban's worker uses; a stale token is refreshed once, as the messenger does. */
export function createFileDownloader(client: lark.Client): FileDownload {
  return async (messageId, fileKey, maxBytes) => {
    try {
      return await download(client, messageId, fileKey, maxBytes);
    } catch (e) {
      if (!(e instanceof LarkCallError) || e.failure.kind !== 'token_invalid') throw e;
      await clearTenantToken(client);
      return download(client, messageId, fileKey, maxBytes);
    }
  };
}
