import type { CommandEntry } from './command.ts';

// Every command of `npx duban`, in the order `--help` lists them. A command's module is imported
// only when it runs (or its own --help is asked): `duban --help` reads this list alone, and `duban
// serve` never loads what only export (exceljs, docx), the demo or the simulator need.
// test/cli/lazy-commands.test.ts fails on a static import here.
export const commands: CommandEntry[] = [
  { name: 'serve', summary: '启动 Web 服务与队列处理（start the web server and workers）', load: async () => (await import('./serve.ts')).serveCommand },
  { name: 'worker', summary: '只启动队列处理（start the queue workers only）', load: async () => (await import('./worker.ts')).workerCommand },
  { name: 'migrate', summary: '应用数据库迁移（apply database migrations）', load: async () => (await import('./migrate.ts')).migrateCommand },
  { name: 'import', summary: '导入工作计划文件（import a plan document）', load: async () => (await import('./import.ts')).importCommand },
  { name: 'directory', summary: '加载通讯录：部门、群、填报人、领导群、管理员（load the directory）', load: async () => (await import('./directory.ts')).directoryCommand },
  { name: 'round', summary: '立即开启、关闭或重新开启本周填报轮次（round open | close | reopen）', load: async () => (await import('./round.ts')).roundCommand },
  { name: 'remind', summary: '立即向未填报的部门发送催办', load: async () => (await import('./remind.ts')).remindCommand },
  { name: 'results', summary: '成效报送：发送报送卡片、催办、查看报送情况、取出各单位的电子版', load: async () => (await import('./results.ts')).resultsCommand },
  { name: 'digest', summary: '立即生成并发送本周督办汇总（weekly digest）', load: async () => (await import('./digest.ts')).digestCommand },
  { name: 'ask', summary: '像机器人一样回答一个问题（answer a question as text）', load: async () => (await import('./ask.ts')).askCommand },
  { name: 'export', summary: '导出年度成效报送（xlsx 台账 / docx 报告）', load: async () => (await import('./export.ts')).exportCommand },
  { name: 'inbound', summary: '查看与重新处理未能保存的回复（inbound failed | inbound retry）', load: async () => (await import('./inbound.ts')).inboundCommand },
  { name: 'outbox', summary: '查看和重发发送失败的消息（outbox failed | outbox retry）', load: async () => (await import('./outbox.ts')).outboxCommand },
  { name: 'doctor', summary: '检查配置、数据库、Redis、飞书应用、群和人员，列出要处理的事项', load: async () => (await import('./doctor.ts')).doctorCommand },
  { name: 'calendar', summary: '某月每天是否上班（工作日 / 休息日 / 节假日 / 调休上班）及当天的定时步骤', load: async () => (await import('./calendar.ts')).calendarCommand },
  { name: 'backup', summary: '备份内嵌数据库（PGlite）到一个 .tar.gz 文件', load: async () => (await import('./backup.ts')).backupCommand },
  { name: 'simulator', summary: '启动模拟飞书开放平台（start the fake Lark Open API）', load: async () => (await import('./simulator.ts')).simulatorCommand },
  { name: 'demo', summary: '一键演示：模拟飞书 + 控制台 + 种子数据（run everything on embedded defaults）', load: async () => (await import('./demo.ts')).demoCommand },
];
