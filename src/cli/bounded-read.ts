import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { DubanError } from '../errors.ts';

export interface BoundedReadCodes {
  notFound: string;
  unreadable: string;
  notRegular: string;
  tooLarge: string;
}

const MB = 1024 * 1024;
const mb = (n: number) => (n >= MB ? `${Number((n / MB).toFixed(1))} MB` : n >= 1024 ? `${Number((n / 1024).toFixed(1))} KB` : `${n} 字节`);

/**
 * Reads a whole input file, but only a regular file of at most `maxBytes`: `/dev/zero`, a FIFO or
 * a directory would otherwise be read until memory runs out (or block forever). Opened non-blocking
 * so a FIFO without a writer cannot hang the command; read at most one byte past the limit, so a
 * file that grows while read (or reports size 0, as /proc does) is still bounded.
 */
export async function readBoundedFile(file: string, maxBytes: number, codes: BoundedReadCodes): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DubanError(codes.notFound, '文件不存在');
    throw new DubanError(codes.unreadable, `无法读取文件（${code ?? '未知原因'}）`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      const kind = st.isDirectory() ? '目录' : st.isFIFO() ? '管道' : st.isCharacterDevice() || st.isBlockDevice() ? '设备文件' : '特殊文件';
      throw new DubanError(codes.notRegular, `这是一个${kind}，不是普通文件`);
    }
    const tooLarge = () => new DubanError(codes.tooLarge, `文件过大（上限 ${mb(maxBytes)}，可用 INPUT_MAX_BYTES 调整）`);
    if (st.size > maxBytes) throw tooLarge();
    const buf = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge();
    return buf.subarray(0, length);
  } finally {
    await handle.close();
  }
}
