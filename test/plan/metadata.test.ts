import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../src/plan/metadata.ts';
import type { Paragraph } from '../../src/plan/paragraphs.ts';

// Paragraphs as paragraphs() gives them: raw keeps the markup, text does not.
const paras = (...raws: string[]): Paragraph[] =>
  raws.map((raw, i) => ({ raw, text: raw.replace(/^\s*#+\s*/, '').replace(/\*\*/g, '').trim(), line: i + 1 }));
const read = (raws: string[], departments: string[] = []) => readMetadata(paras(...raws), departments);

describe('the document number', () => {
  it('is the one standing on its own line, with its brackets normalised to 〔〕', () => {
    expect(read(['# 某局文件', '国知发运字[2022]7号', '# 要点']).docNumber).toBe('国知发运字〔2022〕7号');
    expect(read(['国知发运字 【 2021 】 3 号', '# 要点']).docNumber).toBe('国知发运字〔2021〕3号');
  });

  it('prefers a number on its own line, wherever it is, to one cited in a sentence', () => {
    const m = read(['# 要点', '根据国知发规字〔2019〕1号要求，制定本要点。', '二', '三', '四', '五', '国知发运字〔2021〕3号']);
    expect(m.docNumber).toBe('国知发运字〔2021〕3号');
  });

  it('trims the paragraph before matching a whole line', () => {
    const lead = ['要点', '一', '二', '三', '四', '五'].map((t, i) => ({ raw: t, text: t, line: i + 1 }));
    const m = readMetadata([...lead, { raw: ' 国知发运字〔2021〕3号 ', text: ' 国知发运字〔2021〕3号 ', line: 7 }], []);
    expect(m.docNumber).toBe('国知发运字〔2021〕3号');
  });

  it('falls back to one cited inside the first five paragraphs only', () => {
    const lead = ['# 要点', '一', '二', '三'];
    expect(read([...lead, '文号：国知办发保字﹝2024﹞12号']).docNumber).toBe('国知办发保字〔2024〕12号');
    expect(read([...lead, '四', '文号：国知办发保字﹝2024﹞12号']).docNumber).toBeNull();
  });

  it('is null when there is none', () => {
    expect(read(['# 2023年要点', '正文。'])).toMatchObject({ docNumber: null, year: 2023 });
  });
});

describe('the title', () => {
  it('is the name in 《》 of a 关于印发/发布/下达 notice, trimmed, with full-width parentheses', () => {
    expect(read(['# 某局文件', '# 国家知识产权局关于印发《推动工作指引(2021)。》的通知', '# 另一个标题']).title).toBe('推动工作指引（2021）');
    expect(read(['关于发布《A计划》的通知']).title).toBe('A计划');
    expect(read(['关于下达《B计划》的通知']).title).toBe('B计划');
  });

  it('takes only a line starting with # for a heading', () => {
    expect(read(['正文 #话题 内容', '# 标题']).title).toBe('标题');
  });

  it('otherwise is the first heading that is neither a letterhead, an annex mark nor a doc number', () => {
    const m = read(['正文在前。', '# 国家知识产权局文件', '# 国知发运字〔2021〕3号', '# 附件1', '#附 件2', '  # 工作要点(2021)：', '# 次标题']);
    expect(m.title).toBe('工作要点（2021）');
  });

  it('keeps a heading that only contains 文件 or 附件 inside it', () => {
    expect(read(['# 文件管理要点', '# 次标题']).title).toBe('文件管理要点');
    expect(read(['# 关于附件的说明', '# 次标题']).title).toBe('关于附件的说明');
    expect(read(['#附  件3', '# 标题']).title).toBe('标题');
  });

  it('without headings, is the first paragraph that is neither a letterhead nor a doc number, without 《》', () => {
    expect(read(['某局文件', '国知发〔2021〕3号', '《2025年计划》', '正文。']).title).toBe('2025年计划');
    expect(read(['正文《不动》。', '次段']).title).toBe('正文《不动》');
    expect(read(['文件管理要点', '次段']).title).toBe('文件管理要点');
  });

  it('falls back to the first paragraph, and to an empty title without paragraphs', () => {
    expect(read(['某局文件', '国知发〔2021〕3号']).title).toBe('某局文件');
    expect(readMetadata([], [])).toEqual({ title: '', docNumber: null, year: null, reportDeadline: null, reportTo: null });
  });
});

describe('the year', () => {
  it('comes from the title first', () => {
    expect(read(['# 2022年要点', '国知发〔2021〕3号']).year).toBe(2022);
    expect(read(['# 1999年要点']).year).toBe(1999);
  });

  it('then from the doc number, before any year in the body', () => {
    expect(read(['# 工作要点', '2019年以来成效显著。', '国知发运字〔2021〕3号']).year).toBe(2021);
  });

  it('then from the first paragraph that mentions one', () => {
    expect(read(['# 工作要点', '正文。', '到2025年，实现目标。', '2030年远景。']).year).toBe(2025);
  });

  it('takes only 19xx and 20xx years, and is null without one', () => {
    expect(read(['# 工作要点', '编号1850和2150。']).year).toBeNull();
  });
});

describe('the report deadline and recipient', () => {
  it('reads 日前 … 报送 … from one sentence, zero-padding the month and day', () => {
    expect(read(['# 要点', '请于2021年3月5日前将工作进展报送我局知识产权运用促进司。'], ['运用促进司'])).toMatchObject({
      reportDeadline: '2021-03-05',
      reportTo: '运用促进司',
    });
    expect(read(['# 要点', '各单位于 2021 年 12 月 15 日 之前报至战略规划司'])).toMatchObject({ reportDeadline: '2021-12-15', reportTo: '战略规划司' });
    expect(read(['# 要点', '2024年11月30日以前上报办公室'])).toMatchObject({ reportDeadline: '2024-11-30', reportTo: '办公室' });
  });

  it('needs a 前 after the date and both parts in the same sentence', () => {
    expect(read(['# 要点', '2021年12月15日将进展报送办公室。'])).toMatchObject({ reportDeadline: null, reportTo: null });
    expect(read(['# 要点', '请于2021年12月15日前完成。报送办公室。'])).toMatchObject({ reportDeadline: null, reportTo: null });
    expect(read(['# 要点', '请于2021年12月15日前完成！报送办公室？'])).toMatchObject({ reportDeadline: null, reportTo: null });
  });

  it('needs 报 in the sentence: 提交 alone is not a report', () => {
    expect(read(['# 要点', '请于2021年12月1日前提交办公室。'])).toMatchObject({ reportDeadline: null, reportTo: null });
  });

  it('takes the recipient after the last clause break only when it ends the sentence', () => {
    expect(read(['# 要点', '请于2021年12月1日前报送运用促进司，抄送办公室。'])).toMatchObject({ reportDeadline: null });
    expect(read(['# 要点', '请于2021年12月1日前，将材料报送至战略规划司。'])).toMatchObject({ reportDeadline: '2021-12-01', reportTo: '战略规划司' });
  });

  it('takes the first sentence that has both, across paragraphs', () => {
    const m = read(['# 要点', '2021年6月1日前启动。', '请于2021年7月1日前报送办公室。', '请于2021年8月1日前报送人事司。']);
    expect(m).toMatchObject({ reportDeadline: '2021-07-01', reportTo: '办公室' });
  });

  it('names the longest task department the phrase ends with', () => {
    const m = read(['# 要点', '请于2021年12月1日前报送我局知识产权运用促进司。'], ['促进司', '运用促进司', '保护司']);
    expect(m.reportTo).toBe('运用促进司');
    expect(read(['# 要点', '请于2021年12月1日前报送我局 保护 司。'], ['运用促进司', '保护司']).reportTo).toBe('保护司');
    expect(read(['# 要点', '请于2021年12月1日前报送我局综合办公室。'], ['公室', '办公室']).reportTo).toBe('办公室');
  });

  it('drops 我局/我委/我部/本局/我办/我厅 and 知识产权 before a unit name', () => {
    for (const lead of ['我局', '我委', '我部', '本局', '我办', '我厅']) {
      expect(read(['# 要点', `请于2021年12月1日前报送${lead}知识产权发展研究中心。`]).reportTo).toBe('发展研究中心');
    }
    expect(read(['# 要点', '请于2021年12月1日前报送我局知识产权保护处。']).reportTo).toBe('保护处');
    expect(read(['# 要点', '请于2021年12月1日前报送知识产权事务室。']).reportTo).toBe('事务室');
    expect(read(['# 要点', '请于2021年12月1日前报送知识产权办。']).reportTo).toBe('知识产权办');
    expect(read(['# 要点', '请于2021年12月1日前报送知识产权审查部。']).reportTo).toBe('审查部');
    expect(read(['# 要点', '请于2021年12月1日前报送知识产权审查部办公室。']).reportTo).toBe('审查部办公室');
    expect(read(['# 要点', '请于2021年12月1日前报送国家知识产权局办公室。']).reportTo).toBe('国家知识产权局办公室');
    expect(read(['# 要点', '请于2021年12月1日前报送省局和我局办公室。']).reportTo).toBe('省局和我局办公室');
  });

  it('keeps the whole phrase when it names no known unit, and gives null when it is empty', () => {
    expect(read(['# 要点', '请于2021年12月1日前报送各省局。']).reportTo).toBe('各省局');
    expect(read(['# 要点', '请于2021年12月1日前报送我局。'])).toMatchObject({ reportDeadline: '2021-12-01', reportTo: null });
    expect(read(['# 要点', '请于2021年12月1日前报送知识产权处室。']).reportTo).toBe('知识产权处室');
    expect(read(['# 要点', '请于2021年12月1日前报送甲乙丙丁戊己庚辛壬癸子司。']).reportTo).toBe('乙丙丁戊己庚辛壬癸子司');
  });
});
