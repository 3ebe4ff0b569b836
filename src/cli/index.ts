import { isDubanError } from '../errors.ts';
import type { CliContext, CommandEntry } from './command.ts';
import { commands } from './registry.ts';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'duban — 督办机器人（Feishu/Lark work-plan follow-up bot）',
    '',
    '用法: duban <命令> [参数]    每个命令都支持 --help',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** Entry point of `npx duban`; returns the exit code. Errors become one line, never a stack trace. */
export async function runCli(argv: string[], ctxOverride?: Partial<CliContext>): Promise<number> {
  const out = ctxOverride?.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = ctxOverride?.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(usage());
    return name ? 0 : 1;
  }
  const entry: CommandEntry | undefined = commands.find((c) => c.name === name);
  if (!entry) {
    err(`未知命令：${name}`);
    out(usage());
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      out(command.help);
      return 0;
    }
    // Imported here, not at the top: `duban --help` needs neither zod nor cron-parser nor luxon.
    const { loadConfig } = await import('../config/env.ts');
    const { ConfigError } = await import('../config/schema.ts');
    let config;
    try {
      config = ctxOverride?.config ?? loadConfig();
    } catch (e) {
      if (command.onBadConfig && e instanceof ConfigError) return command.onBadConfig(e.message, { out, err });
      throw e;
    }
    return await command.run(rest, { config, out, err });
  } catch (e) {
    if (isDubanError(e)) {
      err(`错误 [${e.code}]：${e.message}`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    err(`错误：${message}`);
    return 1;
  }
}
