// State and helpers shared by the console page's modules.

export const $ = (id) => document.getElementById(id);
export const S = {
  version: null,
  who: localStorage.getItem('duban.who'),
  chatId: localStorage.getItem('duban.chat'),
  people: [],
  users: {},
  chats: [],
  bot: { openId: '', name: '督办' },
  rendered: new Map(),
  seen: JSON.parse(localStorage.getItem('duban.seen') || '{}'),
};

export async function api(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(`/console/api/${path}`, init);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

export function toast(type, content) {
  const t = document.createElement('div');
  t.className = `toast toast-${type}`;
  t.textContent = content;
  $('toasts').append(t);
  setTimeout(() => t.classList.add('leaving'), 4500);
  setTimeout(() => t.remove(), 5000);
}

export const me = () => S.people.find((p) => p.openId === S.who);
export const nameOf = (id) => (id === S.bot.openId ? S.bot.name : S.users[id] ?? S.people.find((p) => p.openId === id)?.name ?? id);
export const fmtTime = (ms) =>
  new Date(Number(ms)).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
export const currentChat = () => S.chats.find((c) => c.chat_id === S.chatId);
export const chatTitle = (c) => (c.chat_type === 'p2p' ? `私聊：${nameOf(c.members[0]) ?? c.name} ↔ ${S.bot.name}` : c.name);

// Polling: kick() asks for a refresh now instead of at the next second.
let wake = null;
let pending = false;
export const kick = () => (wake ? wake() : (pending = true));

export async function pause(ms) {
  if (pending) {
    pending = false;
    return;
  }
  await new Promise((r) => {
    wake = r;
    setTimeout(r, ms);
  });
  wake = null;
}
