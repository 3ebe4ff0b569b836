import { parseArgs } from 'node:util';
import { clockFromConfig } from '../app/clock.ts';
import { createLarkClient } from '../lark/client.ts';
import { fail, renderChecklist, type Check } from '../doctor/check.ts';
import { botCheck, chatsCheck, peopleCheck, tokenCheck } from '../doctor/lark.ts';
import { configChecks, databaseCheck, redisCheck, scheduleLines } from '../doctor/services.ts';
import type { Command } from './command.ts';

export const doctorCommand: Command = {
  name: 'doctor',
  help: `用法: duban doctor

逐项检查并给出处理办法：
  配置        飞书应用凭证、回调校验（Encrypt Key / Verification Token）
  数据库      能打开并迁移（DATABASE_URL，或内嵌 PGlite）
  Redis       能连接，已开启 AOF 持久化且不逐出任务
  飞书        能取得 tenant_access_token；应用有机器人（bot/v3/info）
  群          目录中每个部门群、领导群里都有机器人
  人员        目录中每位管理员、填报人都在应用可用范围内
  日程        开启 / 催办 / 关闭 / 周汇总的时间（例如「每周一 09:00」）与下次运行
有必须处理的项时退出码为 1。只读取，不发送任何消息。
飞书应用的创建与权限清单见 docs/lark-setup.md。

示例:
  npx duban doctor`,
  onBadConfig(message, ctx) {
    ctx.out('duban doctor — 检查配置、服务、飞书应用、群和人员');
    ctx.out('');
    const detail = message.replace(/^配置无效：/, '');
    for (const line of renderChecklist([fail('配置', detail, '按提示修改 .env 或环境变量（变量说明见 .env.example），再运行 duban doctor')])) ctx.out(line);
    return 1;
  },
  async run(args, ctx) {
    parseArgs({ args, options: {}, strict: true });
    const { config } = ctx;
    ctx.out('duban doctor — 检查配置、服务、飞书应用、群和人员');
    ctx.out('');
    const checks: Check[] = [...configChecks(config)];
    const { check: dbCheck, handle } = await databaseCheck(config);
    checks.push(dbCheck);
    try {
      checks.push(await redisCheck(config));
      const token = await tokenCheck(config);
      checks.push(token);
      if (token.status === 'ok') {
        const client = createLarkClient(config.lark);
        checks.push(await botCheck(client));
        if (handle) {
          checks.push(await chatsCheck(client, handle.db));
          checks.push(await peopleCheck(client, handle.db));
        }
      } else {
        checks.push(fail('群与人员', '未检查（先解决 tenant_access_token）', '见上一项'));
      }
    } finally {
      await handle?.close();
    }
    for (const line of renderChecklist(checks)) ctx.out(line);
    ctx.out('');
    ctx.out(`日程（${config.timezone}）：`);
    for (const line of scheduleLines(config, clockFromConfig(config)())) ctx.out(line);
    return checks.some((c) => c.status === 'fail') ? 1 : 0;
  },
};
