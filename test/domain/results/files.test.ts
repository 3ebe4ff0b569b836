import { describe, expect, it } from 'vitest';
import { ACCEPTED_TEXT, checkFileContent, checkFileName, formatBytes, RESULT_FILE_TYPES } from '../../../src/domain/results/files.ts';
import { chineseDate, chooseUnit, collectionPhase, collectionStart, countdownText } from '../../../src/domain/results/collection.ts';
import { samplePdf } from '../../../src/simulator/sample-file.ts';

const MB = 1024 * 1024;
const type = (ext: string) => RESULT_FILE_TYPES.find((t) => t.ext === ext)!;
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
const zipWith = (part: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(part, 'latin1')]);

describe('成效报送 files', () => {
  it('takes the document formats by extension, in any case', () => {
    for (const name of ['成效.pdf', '成效.OFD', 'a.doc', 'a.docx', 'a.wps', 'a.xls', 'a.xlsx', 'a.et', '  运用促进司 成效 2021.Pdf ']) {
      expect(checkFileName(name).ok, name).toBe(true);
    }
  });

  it('refuses pictures, archives, programs and names without an extension, saying which formats are taken', () => {
    for (const name of ['照片.jpg', '材料.zip', 'setup.exe', '成效', '.pdf', 'a.pdf.exe']) {
      const r = checkFileName(name);
      expect(r, name).toMatchObject({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
      expect(!r.ok && r.message).toContain('pdf、ofd、doc、docx、wps、xls、xlsx、et');
    }
    expect(checkFileName('')).toMatchObject({ ok: false, code: 'FILE_NAME_INVALID' });
    expect(checkFileName('../../etc/passwd.pdf')).toMatchObject({ ok: false, code: 'FILE_NAME_INVALID' });
    expect(checkFileName(`${'长'.repeat(201)}.pdf`)).toMatchObject({ ok: false, code: 'FILE_NAME_INVALID' });
  });

  it('checks the bytes are the claimed format: PDF header, OLE2 compound file, ZIP package with its own part', () => {
    expect(checkFileContent(type('pdf'), samplePdf('x'), 20 * MB).ok).toBe(true);
    expect(checkFileContent(type('doc'), OLE2, 20 * MB).ok).toBe(true);
    expect(checkFileContent(type('docx'), zipWith('word/document.xml'), 20 * MB).ok).toBe(true);
    expect(checkFileContent(type('xlsx'), zipWith('xl/workbook.xml'), 20 * MB).ok).toBe(true);
    expect(checkFileContent(type('ofd'), zipWith('OFD.xml'), 20 * MB).ok).toBe(true);
    // a program or a picture renamed to .pdf, a zip named .docx, a docx named .xlsx
    expect(checkFileContent(type('pdf'), Buffer.from('MZ\x90\x00 program'), 20 * MB)).toMatchObject({ ok: false, code: 'FILE_CONTENT_MISMATCH' });
    expect(checkFileContent(type('docx'), zipWith('photos/1.jpg'), 20 * MB)).toMatchObject({ ok: false, code: 'FILE_CONTENT_MISMATCH' });
    expect(checkFileContent(type('xlsx'), zipWith('word/document.xml'), 20 * MB)).toMatchObject({ ok: false, code: 'FILE_CONTENT_MISMATCH' });
    expect(checkFileContent(type('doc'), samplePdf('x'), 20 * MB)).toMatchObject({ ok: false, code: 'FILE_CONTENT_MISMATCH' });
  });

  it('refuses an empty file and one over the limit, naming the limit', () => {
    expect(checkFileContent(type('pdf'), Buffer.alloc(0), 20 * MB)).toMatchObject({ ok: false, code: 'FILE_EMPTY' });
    const big = checkFileContent(type('pdf'), Buffer.concat([samplePdf('x'), Buffer.alloc(2 * MB)]), 2 * MB);
    expect(big).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(!big.ok && big.message).toContain('不超过 2 MB');
    expect([formatBytes(20 * MB), formatBytes(1536 * 1024), formatBytes(800 * 1024), formatBytes(10)]).toEqual(['20 MB', '1.5 MB', '800 KB', '10 字节']);
  });
});

describe('成效报送 collection', () => {
  const tz = 'Asia/Shanghai';
  const at = (iso: string) => new Date(iso);

  it('opens 30 days before the report deadline and stays open after it', () => {
    expect(collectionStart('2021-12-15', 30)).toBe('2021-11-15');
    expect(collectionPhase('2021-12-15', 30, at('2021-11-14T23:59:00+08:00'), tz)).toEqual({ phase: 'not_yet', start: '2021-11-15', daysToStart: 1 });
    expect(collectionPhase('2021-12-15', 30, at('2021-11-15T00:00:00+08:00'), tz)).toEqual({ phase: 'open', start: '2021-11-15', daysLeft: 30 });
    expect(collectionPhase('2021-12-15', 30, at('2021-12-18T09:00:00+08:00'), tz)).toMatchObject({ phase: 'open', daysLeft: -3 });
    expect(collectionPhase(null, 30, at('2021-12-01T09:00:00+08:00'), tz)).toEqual({ phase: 'no_deadline' });
    expect([countdownText(5), countdownText(0), countdownText(-3)]).toEqual(['距截止还有 5 天', '今天截止', '已逾期 3 天']);
  });

  it('a file in a unit’s chat is that unit’s, from its reporters only; privately the sender’s unit, asked when several', () => {
    const yy = { id: 6, name: '运用促进司' };
    const gd = { id: 30, name: '广东省知识产权局' };
    expect(chooseUnit({ chatType: 'group', chatUnit: yy, senderUnits: [yy] })).toEqual({ kind: 'unit', unit: yy });
    expect(chooseUnit({ chatType: 'group', chatUnit: yy, senderUnits: [gd] })).toMatchObject({ kind: 'refuse', code: 'NOT_REPORTER' });
    expect(chooseUnit({ chatType: 'group', chatUnit: null, senderUnits: [yy] })).toEqual({ kind: 'ignore' });
    expect(chooseUnit({ chatType: 'p2p', chatUnit: null, senderUnits: [] })).toMatchObject({ kind: 'refuse', code: 'NOT_REPORTER' });
    expect(chooseUnit({ chatType: 'p2p', chatUnit: null, senderUnits: [gd] })).toEqual({ kind: 'unit', unit: gd });
    expect(chooseUnit({ chatType: 'p2p', chatUnit: null, senderUnits: [yy, gd] })).toEqual({ kind: 'ask', units: [yy, gd] });
  });
});

describe('成效报送 files, in detail', () => {
  const pdfAt = (offset: number) => Buffer.concat([Buffer.alloc(offset, 0x20), Buffer.from('%PDF-1.7\n', 'latin1')]);

  it('takes a name of up to 200 characters, and none with a path or a control character', () => {
    expect(checkFileName(`${'长'.repeat(196)}.pdf`)).toMatchObject({ ok: true, value: { ext: 'pdf' } });
    expect(checkFileName(`${'长'.repeat(197)}.pdf`)).toMatchObject({ ok: false, code: 'FILE_NAME_INVALID' });
    for (const name of ['   ', '成效\\报告.pdf', '成效/报告.pdf', '成效\t报告.pdf', '成效\u0000.pdf', '成效\u001f.pdf']) {
      expect(checkFileName(name), JSON.stringify(name)).toEqual({
        ok: false,
        code: 'FILE_NAME_INVALID',
        message: '文件名无效（需 1–200 个字符，不含路径和控制字符），请改名后重新发送',
      });
    }
    expect(checkFileName('成效 报告（终稿）.pdf').ok).toBe(true);
  });

  it('says which file it will not take, and as what', () => {
    expect(checkFileName('照片.JPG')).toEqual({
      ok: false,
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: '不能作为成效报送材料：.jpg 文件不是文档。请发送 pdf、ofd、doc、docx、wps、xls、xlsx、et 格式的文件',
    });
    expect(checkFileName('成效', '办结佐证')).toEqual({
      ok: false,
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: '不能作为办结佐证：没有扩展名的文件不是文档。请发送 pdf、ofd、doc、docx、wps、xls、xlsx、et 格式的文件',
    });
    expect(ACCEPTED_TEXT).toBe('pdf、ofd、doc、docx、wps、xls、xlsx、et');
    expect(checkFileName('验收报告.xlsx', '办结佐证')).toEqual({ ok: true, value: type('xlsx') });
  });

  it('finds the PDF header within its first kilobyte only', () => {
    expect(checkFileContent(type('pdf'), pdfAt(0), MB).ok).toBe(true);
    expect(checkFileContent(type('pdf'), pdfAt(1019), MB).ok).toBe(true);
    expect(checkFileContent(type('pdf'), pdfAt(1020), MB)).toMatchObject({ ok: false, code: 'FILE_CONTENT_MISMATCH' });
  });

  it('needs all eight bytes of the OLE2 signature, at the start', () => {
    expect(checkFileContent(type('xls'), Buffer.concat([OLE2.subarray(0, 7), Buffer.from([0x00, 0, 0, 0])]), MB).ok).toBe(false);
    expect(checkFileContent(type('et'), Buffer.concat([Buffer.from([0]), OLE2]), MB).ok).toBe(false);
    expect(checkFileContent(type('wps'), OLE2, MB)).toEqual({ ok: true, value: type('wps') });
  });

  it('needs the ZIP signature at the start as well as the format’s part', () => {
    expect(checkFileContent(type('docx'), Buffer.concat([Buffer.from('PK'), Buffer.alloc(28), Buffer.from('word/document.xml')]), MB).ok).toBe(false);
    expect(checkFileContent(type('ofd'), zipWith('Doc_0/Document.xml'), MB).ok).toBe(false);
  });

  it('takes a file of exactly the limit, and says how big a refused one is and what the limit is for', () => {
    const pdf = samplePdf('x');
    expect(checkFileContent(type('pdf'), pdf, pdf.length).ok).toBe(true);
    expect(checkFileContent(type('pdf'), pdf, pdf.length - 1)).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    const big = Buffer.concat([pdf, Buffer.alloc(3 * MB - pdf.length)]);
    expect(checkFileContent(type('pdf'), big, 2 * MB, '办结佐证')).toEqual({
      ok: false,
      code: 'FILE_TOO_LARGE',
      message: '文件过大（3 MB），办结佐证不超过 2 MB；请压缩图片或拆分后重新发送',
    });
    expect(checkFileContent(type('pdf'), big, 2 * MB)).toMatchObject({ message: expect.stringContaining('成效报送材料不超过 2 MB') });
    expect(checkFileContent(type('pdf'), Buffer.alloc(0), MB)).toEqual({ ok: false, code: 'FILE_EMPTY', message: '文件是空的（0 字节），请检查后重新发送' });
    expect(checkFileContent(type('docx'), samplePdf('x'), MB)).toEqual({
      ok: false,
      code: 'FILE_CONTENT_MISMATCH',
      message: '文件内容不是有效的 Word 文档（与扩展名 .docx 不符），请另存为 pdf、ofd、doc、docx、wps、xls、xlsx、et 格式后重新发送',
    });
  });

  it('writes sizes at their unit’s boundaries', () => {
    expect([formatBytes(MB), formatBytes(MB - 1), formatBytes(1024), formatBytes(1023), formatBytes(0)]).toEqual(['1 MB', '1024 KB', '1 KB', '1023 字节', '0 字节']);
    expect([formatBytes(1.26 * MB), formatBytes(1535), formatBytes(1536)]).toEqual(['1.3 MB', '1 KB', '2 KB']);
  });
});

describe('成效报送 collection, in detail', () => {
  it('counts the lead days back from the deadline, across months and years', () => {
    expect(collectionStart('2022-01-10', 30)).toBe('2021-12-11');
    expect(collectionStart('2021-12-15', 0)).toBe('2021-12-15');
  });

  it('writes a date the Chinese way, without leading zeros', () => {
    expect(chineseDate('2021-12-15')).toBe('2021年12月15日');
    expect(chineseDate('2022-01-05')).toBe('2022年1月5日');
  });

  it('tells a non-reporter in a unit’s chat whose reporters may send it, and someone reporting for no unit whom to ask', () => {
    const yy = { id: 6, name: '运用促进司' };
    expect(chooseUnit({ chatType: 'group', chatUnit: yy, senderUnits: [] })).toEqual({
      kind: 'refuse',
      code: 'NOT_REPORTER',
      message: '您不是运用促进司的填报人，文件未作为成效报送保存。请由本单位填报人发送，或联系督办管理员添加填报人。',
    });
    expect(chooseUnit({ chatType: 'p2p', chatUnit: yy, senderUnits: [] })).toEqual({
      kind: 'refuse',
      code: 'NOT_REPORTER',
      message: '您不是任何单位的填报人，文件未作为成效报送保存。如需报送，请联系督办管理员添加填报人。',
    });
  });

  it('in a unit’s chat takes the chat’s unit even from someone reporting for several, and privately ignores the chat', () => {
    const yy = { id: 6, name: '运用促进司' };
    const gd = { id: 30, name: '广东省知识产权局' };
    expect(chooseUnit({ chatType: 'group', chatUnit: gd, senderUnits: [yy, gd] })).toEqual({ kind: 'unit', unit: gd });
    expect(chooseUnit({ chatType: 'p2p', chatUnit: gd, senderUnits: [yy] })).toEqual({ kind: 'unit', unit: yy });
    const units = [yy, gd];
    const asked = chooseUnit({ chatType: 'p2p', chatUnit: null, senderUnits: units });
    expect(asked.kind === 'ask' && asked.units).not.toBe(units);
  });
});
