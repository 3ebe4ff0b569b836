import { parseArgs } from 'node:util';
import path from 'node:path';
import { DubanError } from '../errors.ts';
import { EXPORT_FORMATS, exportReport } from '../usecases/export-report.ts';
import type { Command } from './command.ts';
import { withDatabase } from './open.ts';

export const exportCommand: Command = {
  name: 'export',
  help: `用法: duban export --format xlsx|docx --out <文件>

  --format xlsx   台账：每个任务 × 责任部门一行（状态、进度、最新说明、填报人、时间、逾期填报），
                  另有分部分汇总表和指标完成情况表
  --format docx   成效报送报告：按文件顺序逐部分、逐任务写明进展情况、存在问题、下一步打算和责任部门，
                  抬头为计划的报送对象（如 运用促进司）
  --out <文件>    输出文件路径

示例:
  duban export --format xlsx --out 台账.xlsx
  duban export --format docx --out 成效报送.docx`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' } }, strict: true });
    const format = values.format;
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new DubanError('EXPORT_FORMAT_UNKNOWN', `请用 --format 指定导出格式：xlsx 或 docx${format ? `（收到 ${format}）` : ''}`);
    }
    if (!values.out) throw new DubanError('EXPORT_OUT_MISSING', '请用 --out 指定输出文件');
    const out = path.resolve(values.out);
    return withDatabase(ctx, async ({ db, now }) => {
      const started = Date.now();
      const result = await exportReport(db, {
        format,
        out,
        now: now(),
        timezone: ctx.config.timezone,
        onProgress: (done, total) => ctx.err(`已处理 ${done}/${total}`),
      });
      ctx.out(`已导出 ${result.format}：${result.file}（${result.tasks} 项任务，${result.rows} 行，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
      return 0;
    });
  },
};
