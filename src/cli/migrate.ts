import type { Command } from './command.ts';
import { withDatabase } from './open.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  help: `用法: duban migrate

把 migrations/ 中的迁移应用到数据库：设置了 DATABASE_URL 时用 Postgres，否则用 DATA_DIR 下的内嵌 PGlite。
重复运行是安全的。`,
  async run(_args, ctx) {
    return withDatabase(ctx, async ({ handle }) => {
      ctx.out(`数据库迁移完成（${handle.kind === 'postgres' ? 'Postgres' : `PGlite: ${ctx.config.dataDir}`}）`);
      return 0;
    });
  },
};
