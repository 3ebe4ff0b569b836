import { describe, expect, it } from 'vitest';
import { splitDepartments } from '../../src/plan/departments.ts';

describe('splitting a 责任部门 cell', () => {
  it('separates on 、 and ， and drops stray spaces inside names', () => {
    expect(splitDepartments('联席办、保护司、 运用促进司、公共 服务司、人事司， 商标局')).toEqual([
      '联席办', '保护司', '运用促进司', '公共服务司', '人事司', '商标局',
    ]);
    expect(splitDepartments('保护司,运用促进司；条法司')).toEqual(['保护司', '运用促进司', '条法司']);
  });

  it('carries an organisation prefix over to the bare units of its group', () => {
    expect(splitDepartments('条法司，专利局审查部、自动化部，商标局')).toEqual(['条法司', '专利局审查部', '专利局自动化部', '商标局']);
    expect(splitDepartments('商标局审查一部、审查二部')).toEqual(['商标局审查一部', '商标局审查二部']);
    expect(splitDepartments('工业和信息化部科技司、规划司')).toEqual(['工业和信息化部科技司', '工业和信息化部规划司']);
    expect(splitDepartments('某市知识产权局办公室、人事处')).toEqual(['某市知识产权局办公室', '某市知识产权局人事处']);
  });

  it('does not carry a prefix across ， groups or onto a unit of another kind', () => {
    expect(splitDepartments('专利局审业部，自动化部')).toEqual(['专利局审业部', '自动化部']);
    expect(splitDepartments('专利局审业部、条法司')).toEqual(['专利局审业部', '条法司']);
    expect(splitDepartments('专利局审业部、商标局')).toEqual(['专利局审业部', '商标局']);
  });

  it('keeps a lone organisation whole and drops role words and duplicates', () => {
    expect(splitDepartments('国家知识产权局')).toEqual(['国家知识产权局']);
    expect(splitDepartments('运用促进司牵头，保护司配合')).toEqual(['运用促进司', '保护司']);
    expect(splitDepartments('保护司、保护司、 国际合作司')).toEqual(['保护司', '国际合作司']);
    expect(splitDepartments('  ')).toEqual([]);
  });

  it('puts the department marked 牵头 first, even when it is written after the 配合 one', () => {
    expect(splitDepartments('保护司配合，运用促进司牵头')).toEqual(['运用促进司', '保护司']);
    expect(splitDepartments('保护司、条法司配合；运用促进司牵头')).toEqual(['运用促进司', '保护司', '条法司']);
    expect(splitDepartments('保护司配合、运用促进司牵头')).toEqual(['运用促进司', '保护司']);
    expect(splitDepartments('保护司（配合），运用促进司（牵头）')).toEqual(['运用促进司', '保护司']);
    expect(splitDepartments('由运用促进司牵头负责，保护司参与')).toEqual(['运用促进司', '保护司']);
  });

  it('lets a 牵头 written after several names make all of them lead, in their order', () => {
    expect(splitDepartments('条法司配合，运用促进司、保护司牵头')).toEqual(['运用促进司', '保护司', '条法司']);
    expect(splitDepartments('专利局审查部、自动化部牵头，条法司配合')).toEqual(['专利局审查部', '专利局自动化部', '条法司']);
  });

  it('keeps the written order when no name is marked 牵头', () => {
    expect(splitDepartments('保护司配合，运用促进司')).toEqual(['保护司', '运用促进司']);
    expect(splitDepartments('保护司、运用促进司负责')).toEqual(['保护司', '运用促进司']);
  });
});

describe('splitting a 责任部门 cell: separators and roles in detail', () => {
  it('separates groups at ，,；; (also in runs) and names at 、/／ (also in runs)', () => {
    expect(splitDepartments('甲司，，乙司,丙司；丁司;；戊司')).toEqual(['甲司', '乙司', '丙司', '丁司', '戊司']);
    expect(splitDepartments('甲司、、乙司/丙司／丁司')).toEqual(['甲司', '乙司', '丙司', '丁司']);
  });

  it('reads a role in full- or half-width brackets: 牵头 leads, 配合/参与 follow, 负责 is dropped, anything else stays', () => {
    expect(splitDepartments('甲司（配合），乙司(牵头)')).toEqual(['乙司', '甲司']);
    expect(splitDepartments('甲司(参与），乙司（牵头)')).toEqual(['乙司', '甲司']);
    expect(splitDepartments('甲司（负责）')).toEqual(['甲司']);
    expect(splitDepartments('甲司（筹）、乙司')).toEqual(['甲司（筹）', '乙司']);
    expect(splitDepartments('甲司（协调配合）')).toEqual(['甲司']);
    expect(splitDepartments('甲司、乙司（配合）、丙司牵头')).toEqual(['丙司', '甲司', '乙司']);
    expect(splitDepartments('甲司、乙司（参与）、丙司牵头')).toEqual(['丙司', '甲司', '乙司']);
  });

  it('passes a role leftwards to the names without one, until another role', () => {
    expect(splitDepartments('甲司配合、乙司、丙司牵头')).toEqual(['乙司', '丙司', '甲司']);
    expect(splitDepartments('甲司、乙司配合，丙司')).toEqual(['甲司', '乙司', '丙司']);
    expect(splitDepartments('丁司，甲司、乙司参与、丙司牵头')).toEqual(['丙司', '丁司', '甲司', '乙司']);
  });

  it('strips a leading 由/请 and trailing role words, keeping 牵头 in any of them as the lead', () => {
    expect(splitDepartments('请甲司等，由乙司牵头负责')).toEqual(['乙司', '甲司']);
    expect(splitDepartments('甲司共同负责，乙司分别负责，丙司按职责分工负责')).toEqual(['甲司', '乙司', '丙司']);
    expect(splitDepartments('甲司配合等，乙司负责牵头')).toEqual(['乙司', '甲司']);
    expect(splitDepartments('申请处、自由司')).toEqual(['申请处', '自由司']);
  });

  it('drops a part that is only a role word, without passing its role on', () => {
    expect(splitDepartments('条法司，保护司、牵头')).toEqual(['条法司', '保护司']);
    expect(splitDepartments('、保护司、')).toEqual(['保护司']);
  });

  it('carries a prefix to a unit of the same kind, 中心 counting as one word', () => {
    expect(splitDepartments('某局服务中心、保护中心')).toEqual(['某局服务中心', '某局保护中心']);
    expect(splitDepartments('某局服务中心、审查部')).toEqual(['某局服务中心', '审查部']);
    expect(splitDepartments('某局审查部、保护中心')).toEqual(['某局审查部', '保护中心']);
  });

  it('carries a prefix between low units of different kinds, but not from a 部 to a 处', () => {
    expect(splitDepartments('某局人事处、财务科、档案室')).toEqual(['某局人事处', '某局财务科', '某局档案室']);
    expect(splitDepartments('某局审查部、人事处')).toEqual(['某局审查部', '人事处']);
    expect(splitDepartments('某局人事处、审查部')).toEqual(['某局人事处', '审查部']);
  });

  it('takes the prefix of the last fully named unit and keeps a fully named unit as it is', () => {
    expect(splitDepartments('专利局审查部、商标局审查一部、审查二部')).toEqual(['专利局审查部', '商标局审查一部', '商标局审查二部']);
    expect(splitDepartments('专利局审查部、商标局审查一部、自动化部')).toEqual(['专利局审查部', '商标局审查一部', '商标局自动化部']);
  });

  it('does not carry a prefix onto a unit before the first fully named one', () => {
    expect(splitDepartments('自动化部、专利局审查部')).toEqual(['自动化部', '专利局审查部']);
  });
});
