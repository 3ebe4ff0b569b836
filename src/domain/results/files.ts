/**
 * 成效报送 electronic reports: which files are accepted. Pure: the caller passes the name Lark
 * gave and, once downloaded, the bytes.
 *
 * Accepted are the document formats a government office sends a report in: PDF, OFD (the national
 * fixed-layout format), Word and WPS text (doc, docx, wps) and spreadsheets (xls, xlsx, et). The
 * name's extension says which one is claimed; the first bytes must then be that format's
 * container (PDF header, OLE2 compound file, or ZIP package with the format's own part), so a
 * renamed program or picture is refused even with a .pdf name.
 */

export interface ResultFileType {
  ext: string;
  mime: string;
  label: string;
  container: 'pdf' | 'ole2' | 'zip';
  /** for ZIP packages: a part name only this format has */
  part?: string;
}

export const RESULT_FILE_TYPES: readonly ResultFileType[] = [
  { ext: 'pdf', mime: 'application/pdf', label: 'PDF', container: 'pdf' },
  { ext: 'ofd', mime: 'application/ofd', label: 'OFD', container: 'zip', part: 'OFD.xml' },
  { ext: 'doc', mime: 'application/msword', label: 'Word', container: 'ole2' },
  { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word', container: 'zip', part: 'word/' },
  { ext: 'wps', mime: 'application/vnd.ms-works', label: 'WPS 文字', container: 'ole2' },
  { ext: 'xls', mime: 'application/vnd.ms-excel', label: 'Excel', container: 'ole2' },
  { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel', container: 'zip', part: 'xl/' },
  { ext: 'et', mime: 'application/vnd.ms-excel', label: 'WPS 表格', container: 'ole2' },
];

/** The accepted extensions as people read them: pdf、ofd、doc、docx、wps、xls、xlsx、et. */
export const ACCEPTED_TEXT = RESULT_FILE_TYPES.map((t) => t.ext).join('、');

export type FileRefusalCode = 'FILE_NAME_INVALID' | 'FILE_TYPE_NOT_ALLOWED' | 'FILE_EMPTY' | 'FILE_TOO_LARGE' | 'FILE_CONTENT_MISMATCH';
export type FileCheck<T> = { ok: true; value: T } | { ok: false; code: FileRefusalCode; message: string };

const MAX_NAME_CHARS = 200;

/** `20 MB`, `1.5 MB`, `800 KB`: sizes as people read them. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${n} 字节`;
}

/**
 * What the file is taken as, in the refusals: the same documents serve as 成效报送材料 and as a
 * task's 办结佐证 (src/domain/evidence.ts).
 */
export type FilePurpose = '成效报送材料' | '办结佐证';

/** The claimed type, from the file name alone (before anything is downloaded). */
export function checkFileName(name: string, purpose: FilePurpose = '成效报送材料'): FileCheck<ResultFileType> {
  const trimmed = name.trim();
  if (!trimmed || [...trimmed].length > MAX_NAME_CHARS || /[\u0000-\u001f/\\]/u.test(trimmed)) {
    return { ok: false, code: 'FILE_NAME_INVALID', message: `文件名无效（需 1–${MAX_NAME_CHARS} 个字符，不含路径和控制字符），请改名后重新发送` };
  }
  const dot = trimmed.lastIndexOf('.');
  const ext = dot > 0 ? trimmed.slice(dot + 1).toLowerCase() : '';
  const type = RESULT_FILE_TYPES.find((t) => t.ext === ext);
  if (!type) {
    const what = ext ? `.${ext} 文件` : '没有扩展名的文件';
    return { ok: false, code: 'FILE_TYPE_NOT_ALLOWED', message: `不能作为${purpose}：${what}不是文档。请发送 ${ACCEPTED_TEXT} 格式的文件` };
  }
  return { ok: true, value: type };
}

const PDF = Buffer.from('%PDF-', 'latin1');
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function hasContainer(type: ResultFileType, bytes: Buffer): boolean {
  switch (type.container) {
    case 'pdf':
      // PDF allows up to 1 KB of junk before the header (ISO 32000-1, 7.5.2); readers accept it.
      return bytes.subarray(0, 1024).includes(PDF);
    case 'ole2':
      return bytes.subarray(0, 8).equals(OLE2);
    case 'zip':
      // Part names are stored uncompressed in the local headers; the format's own part shows it is one.
      return bytes.subarray(0, 4).equals(ZIP) && (!type.part || bytes.includes(Buffer.from(type.part, 'latin1')));
  }
}

/** The downloaded bytes against the claimed type and the size limit. */
export function checkFileContent(type: ResultFileType, bytes: Buffer, maxBytes: number, purpose: FilePurpose = '成效报送材料'): FileCheck<ResultFileType> {
  if (bytes.length === 0) return { ok: false, code: 'FILE_EMPTY', message: '文件是空的（0 字节），请检查后重新发送' };
  if (bytes.length > maxBytes) {
    return { ok: false, code: 'FILE_TOO_LARGE', message: `文件过大（${formatBytes(bytes.length)}），${purpose}不超过 ${formatBytes(maxBytes)}；请压缩图片或拆分后重新发送` };
  }
  if (!hasContainer(type, bytes)) {
    return { ok: false, code: 'FILE_CONTENT_MISMATCH', message: `文件内容不是有效的 ${type.label} 文档（与扩展名 .${type.ext} 不符），请另存为 ${ACCEPTED_TEXT} 格式后重新发送` };
  }
  return { ok: true, value: type };
}
