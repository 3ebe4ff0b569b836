import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DubanError } from '../errors.ts';
import type { Command } from './command.ts';
import { withDatabase } from './open.ts';

export const backupCommand: Command = {
  name: 'backup',
  help: `用法: duban backup --out <文件.tar.gz>

把 DATA_DIR 中的内嵌数据库（未设置 DATABASE_URL 时）完整导出为一个压缩包。
运行期间数据库只归本命令使用：先停止 duban serve / duban demo（见 docs/deployment.md）。
恢复：停止 duban，mkdir -p <DATA_DIR>/pglite && tar -xzf <文件> -C <DATA_DIR>/pglite（目录须为空）。
使用 Postgres（DATABASE_URL）时请用 pg_dump / pg_restore。

示例:
  npx duban backup --out backup-2026-12-01.tar.gz`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    if (!values.out) throw new DubanError('CLI_BAD_ARGUMENT', '缺少 --out <文件.tar.gz>');
    if (ctx.config.databaseUrl) {
      throw new DubanError('CLI_BAD_ARGUMENT', '已设置 DATABASE_URL（Postgres）：请用 pg_dump 备份，例如 pg_dump -Fc "$DATABASE_URL" > duban.dump（见 docs/deployment.md）');
    }
    const out = values.out;
    return withDatabase(ctx, async ({ handle }) => {
      const blob = await handle.dumpDataDir!();
      // Written beside, then renamed: an interrupted backup never looks like a complete one.
      await writeFile(`${out}.partial`, Buffer.from(await blob.arrayBuffer()));
      await rename(`${out}.partial`, out);
      ctx.out(`已备份内嵌数据库（${ctx.config.dataDir}）到 ${out}（${Math.round(blob.size / 1024)} KB）`);
      return 0;
    });
  },
};
