import { describe, expect, it } from 'vitest';
import { checkFileContent, checkFileName, formatBytes, RESULT_FILE_TYPES } from '../../../src/domain/results/files.ts';
import { chooseUnit, collectionPhase, collectionStart, countdownText } from '../../../src/domain/results/collection.ts';
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
