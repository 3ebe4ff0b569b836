import type { FastifyInstance } from 'fastify';
import { api, bad, ok, type SimContext } from '../context.ts';
import { boundaryOf, parseMultipart } from '../multipart.ts';
import { newId } from '../state.ts';

// File upload, as https://open.feishu.cn/document/server-docs/im-v1/file/create documents it:
// multipart fields `file_type` (opus | mp4 | pdf | doc | xls | ppt | stream), `file_name` (with its
// extension), optional `duration`, and `file`; at most 30 MB, never empty. The answer is
// `{ file_key }`, which a `msg_type: file` message then carries.

export const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);
export const MAX_FILE = 30 * 1024 * 1024;
/** The request may be a little larger than the file (the other fields, the boundaries). */
const BODY_LIMIT = MAX_FILE + 1024 * 1024;

/** Lark's answers on this route (the page's error table). */
export const FILE_ERRORS = {
  /** a field missing or out of range (file_type not listed, no file_name) */
  invalidParam: 234001,
  /** over 30 MB */
  tooLarge: 234006,
  /** an empty file */
  empty: 234010,
} as const;

export function fileRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post(
    '/open-apis/im/v1/files',
    { bodyLimit: BODY_LIMIT + 1024 * 1024 },
    api(ctx, 'file', (req, call) => {
      const boundary = boundaryOf(req.headers['content-type']);
      if (!boundary || !Buffer.isBuffer(req.body)) return bad(99992402, 'simulator: expected multipart/form-data');
      const parts = parseMultipart(req.body, boundary);
      const field = (name: string) => parts.find((p) => p.name === name);
      const fileType = field('file_type')?.data.toString('utf8');
      const fileName = field('file_name')?.data.toString('utf8');
      const file = field('file')?.data;
      call.body = { file_type: fileType, file_name: fileName, file_bytes: file?.length ?? 0 };
      if (!fileType || !FILE_TYPES.has(fileType)) return bad(FILE_ERRORS.invalidParam, `Invalid request param: file_type ${String(fileType)}`);
      if (!fileName) return bad(FILE_ERRORS.invalidParam, 'Invalid request param: file_name is required');
      if (!file || file.length === 0) return bad(FILE_ERRORS.empty, "File's size can't be 0.");
      if (file.length > MAX_FILE) return bad(FILE_ERRORS.tooLarge, 'The file size exceed the max value.');
      const key = newId('file_v3_sim_');
      ctx.state.files.set(key, { file_type: fileType, file_name: fileName, bytes: file, created: ctx.now().getTime() });
      return ok({ file_key: key });
    }),
  );
}
