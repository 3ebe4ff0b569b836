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
