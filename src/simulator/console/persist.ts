import { mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FakeLark } from '../server.ts';
import type { FakeChat, FakeMessage, FakeUser } from '../state.ts';

// The demo's fake Lark remembers its chats and messages in the data folder, next to duban's
// database: duban remembers what it sent (sent_messages) and never sends it twice, so a second
// `duban demo` shows the cards only if "Lark" kept them, as the real one does.

interface Saved {
  version: 1;
  chats: FakeChat[];
  users: FakeUser[];
  messages: FakeMessage[];
}

/** Loads a saved world into a fresh fake (no listeners fire); a missing file is an empty world. */
export function loadFakeState(fake: Pick<FakeLark, 'state'>, file: string): number {
  let saved: Saved;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Saved;
  } catch {
    return 0;
  }
  if (saved.version !== 1) return 0;
  for (const u of saved.users ?? []) fake.state.users.set(u.open_id, u);
  for (const c of saved.chats ?? []) fake.state.chats.set(c.chat_id, c);
  for (const m of saved.messages ?? []) fake.state.messages.set(m.message_id, m);
  return saved.messages?.length ?? 0;
}

/** Saves the world a moment after each change, and on flush(). */
export function persistFakeState(fake: Pick<FakeLark, 'state'>, file: string, delayMs = 1000): { flush(): Promise<void>; stop(): void } {
  mkdirSync(dirname(file), { recursive: true });
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    const s = fake.state;
    const data: Saved = { version: 1, chats: [...s.chats.values()], users: [...s.users.values()], messages: [...s.messages.values()] };
    // Write then rename: an interrupted write never leaves half a file behind.
    writing = writing.then(async () => {
      await writeFile(`${file}.tmp`, JSON.stringify(data));
      await rename(`${file}.tmp`, file);
    });
    return writing;
  };
  const off = fake.state.onMessage(() => {
    timer ??= setTimeout(() => {
      timer = null;
      void save().catch(() => {});
    }, delayMs);
  });
  return {
    flush: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      return save();
    },
    stop: () => {
      off();
      if (timer) clearTimeout(timer);
    },
  };
}
