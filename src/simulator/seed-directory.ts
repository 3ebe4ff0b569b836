import type { ParsedDirectory } from '../directory/types.ts';
import type { FakeLark } from './server.ts';

/**
 * Makes the fake Lark know the directory's world: every department and leadership chat (with
 * its people as members), every person as a user, and the bot as bot/v3/info reports it. The fake refuses unknown chats, as Lark does.
 */
export function seedFakeFromDirectory(
  fake: Pick<FakeLark, 'addChat' | 'addUser'> & Partial<Pick<FakeLark, 'setBot'>>,
  dir: ParsedDirectory,
  bot?: { openId: string; name: string },
): void {
  const admins = dir.admins ?? [];
  // regions are reporting units like departments: their chats and reporters exist the same way
  const units = [...dir.departments, ...(dir.regions ?? [])];
  const people = [...admins, ...dir.leadership.flatMap((l) => l.leaders ?? []), ...units.flatMap((d) => d.reporters ?? [])];
  for (const p of people) fake.addUser({ open_id: p.openId, name: p.name ?? p.openId });
  if (bot) {
    fake.addUser({ open_id: bot.openId, name: bot.name });
    // GET /open-apis/bot/v3/info answers with this identity.
    fake.setBot?.(bot);
  }
  for (const d of units) {
    if (!d.chatId) continue;
    fake.addChat({ chat_id: d.chatId, name: `${d.name}工作群`, members: [...(d.reporters ?? []), ...admins].map((p) => p.openId) });
  }
  for (const l of dir.leadership) fake.addChat({ chat_id: l.chatId, name: l.name, members: [...admins, ...(l.leaders ?? [])].map((p) => p.openId) });
}
