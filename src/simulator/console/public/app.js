// The console page: who I am, the chat list, one chat's messages (polled each second; only
// changed messages are redrawn so half-filled forms survive), the composer and the step buttons.

import { renderCard } from './card.js';
import { esc } from './markdown.js';

const $ = (id) => document.getElementById(id);
const S = {
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

async function api(path, body) {
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

const me = () => S.people.find((p) => p.openId === S.who);
const nameOf = (id) => (id === S.bot.openId ? S.bot.name : S.users[id] ?? S.people.find((p) => p.openId === id)?.name ?? id);
const fmtTime = (ms) =>
  new Date(Number(ms)).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const currentChat = () => S.chats.find((c) => c.chat_id === S.chatId);
const chatTitle = (c) => (c.chat_type === 'p2p' ? `私聊：${nameOf(c.members[0]) ?? c.name} ↔ ${S.bot.name}` : c.name);

// --- polling ------------------------------------------------------------------------------

let wake = null;
let pending = false;
const kick = () => (wake ? wake() : (pending = true));

async function refresh() {
  const chatId = S.chatId;
  const q = new URLSearchParams();
  if (chatId) q.set('chat', chatId);
  if (S.version !== null) q.set('since', String(S.version));
  const snap = await api(`snapshot?${q}`);
  if (chatId !== S.chatId) return; // switched while asking: the next round asks again
  document.body.classList.remove('offline');
  if (snap.unchanged) return;
  S.version = snap.version;
  S.bot = snap.bot;
  S.users = snap.users;
  S.chats = snap.chats;
  $('stepbar').hidden = !snap.steps;
  if (S.people.length !== snap.people.length) {
    S.people = snap.people;
    renderWho();
  }
  if (!S.chatId || !currentChat()) return selectChat(defaultChat());
  renderChats();
  renderHead();
  updateComposer();
  renderMessages(snap.messages);
}

async function loop() {
  for (;;) {
    try {
      await refresh();
    } catch {
      document.body.classList.add('offline');
    }
    if (pending) {
      pending = false;
      continue;
    }
    await new Promise((r) => {
      wake = r;
      setTimeout(r, 1000);
    });
    wake = null;
  }
}

// --- who am I -----------------------------------------------------------------------------

function renderWho() {
  const groups = [
    ['填报人', S.people.filter((p) => p.role === 'reporter')],
    ['督办管理员', S.people.filter((p) => p.role === 'admin')],
    ['其他', S.people.filter((p) => p.role === 'outsider')],
  ];
  $('who').innerHTML = groups
    .filter(([, ps]) => ps.length)
    .map(([label, ps]) => `<optgroup label="${esc(label)}">${ps.map((p) => `<option value="${esc(p.openId)}">${esc(p.name)}${p.department ? `（${esc(p.department)}）` : p.role === 'admin' ? '（管理员）' : ''}</option>`).join('')}</optgroup>`)
    .join('');
  if (!me()) S.who = S.people[0]?.openId ?? null;
  $('who').value = S.who ?? '';
  updateComposer();
}

$('who').addEventListener('change', () => {
  S.who = $('who').value;
  localStorage.setItem('duban.who', S.who);
  redrawAll();
  updateComposer();
});

// --- chats --------------------------------------------------------------------------------

const reporterIds = () => new Set(S.people.filter((p) => p.role === 'reporter').map((p) => p.openId));

function defaultChat() {
  const mine = me()?.department;
  const groups = S.chats.filter((c) => c.chat_type === 'group');
  return (mine && groups.find((c) => c.name.startsWith(mine))?.chat_id) ?? groups[0]?.chat_id ?? null;
}

function chatItem(c) {
  const unread = Math.max(0, c.messages - (S.seen[c.chat_id] ?? 0));
  const badge = unread && c.chat_id !== S.chatId ? `<span class="badge">${unread}</span>` : '';
  const preview = c.last ? `<span class="preview">${esc(c.last.preview)}</span>` : '<span class="preview muted">暂无消息</span>';
  return `<button type="button" class="chat-item${c.chat_id === S.chatId ? ' active' : ''}" data-chat="${esc(c.chat_id)}"><span class="chat-name">${esc(chatTitle(c))}</span>${badge}${preview}</button>`;
}

function renderChats() {
  const reporters = reporterIds();
  const groups = S.chats.filter((c) => c.chat_type === 'group');
  const dept = groups.filter((c) => c.members.some((m) => reporters.has(m)));
  const other = groups.filter((c) => !dept.includes(c));
  const p2p = S.chats.filter((c) => c.chat_type === 'p2p');
  const section = (title, list) => (list.length ? `<h2>${esc(title)}</h2>${list.map(chatItem).join('')}` : '');
  $('chat-list').innerHTML =
    `<button type="button" class="chat-item pinned" data-p2p="1"><span class="chat-name">与${esc(S.bot.name)}私聊（我）</span><span class="preview">以当前身份私聊机器人</span></button>` +
    section('领导群与其他群', other) +
    section('部门工作群', dept) +
    section('私聊', p2p);
}

$('chat-list').addEventListener('click', async (e) => {
  const item = e.target.closest('.chat-item');
  if (!item) return;
  try {
    const id = item.dataset.p2p ? (await api('p2p', { openId: S.who })).chat_id : item.dataset.chat;
    selectChat(id);
  } catch (err) {
    toast('error', err.message);
  }
});

function selectChat(id) {
  S.chatId = id;
  if (id) localStorage.setItem('duban.chat', id);
  S.version = null;
  S.rendered.clear();
  $('messages').innerHTML = '';
  document.body.classList.remove('chats-open');
  $('chats-toggle').setAttribute('aria-expanded', 'false');
  updateComposer();
  kick();
}

$('chats-toggle').addEventListener('click', () => {
  const open = document.body.classList.toggle('chats-open');
  $('chats-toggle').setAttribute('aria-expanded', String(open));
});

function renderHead() {
  const c = currentChat();
  if (!c) return ($('chat-head').innerHTML = '');
  const kind = c.chat_type === 'p2p' ? '私聊' : `群聊 · ${c.members.length} 位成员`;
  $('chat-head').innerHTML = `<div class="chat-head-name">${esc(chatTitle(c))}</div><div class="chat-head-meta">${kind} · <code>${esc(c.chat_id)}</code></div>`;
}

// --- messages -----------------------------------------------------------------------------

function messageEl(m) {
  const mine = m.sender.type === 'user' && m.sender.id === S.who;
  const e = document.createElement('div');
  e.className = `msg ${m.sender.type === 'app' ? 'from-bot' : 'from-user'}${mine ? ' mine' : ''}`;
  e.dataset.id = m.message_id;
  const edited = m.updates > 0 ? '<span class="edited">已更新</span>' : '';
  e.innerHTML = `<div class="avatar">${esc((m.sender.name || '?').slice(0, 1))}</div><div class="msg-main"><div class="msg-meta"><b>${esc(m.sender.name)}</b><time>${fmtTime(m.create_time)}</time>${edited}</div></div>`;
  const main = e.querySelector('.msg-main');
  if (m.parent_id) {
    const parent = S.rendered.get(m.parent_id)?.view;
    const quoted = parent ? `${parent.sender.name}：${parent.text ?? '[卡片]'}` : '一条消息';
    main.insertAdjacentHTML('beforeend', `<div class="quote">回复 ${esc(quoted)}</div>`);
  }
  if (m.card) {
    main.append(
      renderCard(m.card, {
        nameOf,
        notify: toast,
        onAction: (a) => act(m, a),
      }),
    );
  } else {
    main.insertAdjacentHTML('beforeend', `<div class="bubble">${esc(m.text ?? `[${m.msg_type}]`).replace(/\n/g, '<br>')}</div>`);
  }
  return e;
}

async function act(m, a) {
  try {
    const r = await api('action', { ...a, messageId: m.message_id, operator: S.who });
    if (r.toast) toast(r.toast.type, r.toast.content);
    else if (r.status !== 200) toast('error', `duban 回调失败（HTTP ${r.status}）`);
  } catch (err) {
    toast('error', err.message);
  }
  kick();
}

function renderMessages(list) {
  const box = $('messages');
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80 || S.rendered.size === 0;
  let firstNew = null;
  for (const m of list) {
    const old = S.rendered.get(m.message_id);
    if (old && old.view.updates === m.updates) continue;
    const el = messageEl(m);
    if (old) old.el.replaceWith(el);
    else {
      box.append(el);
      firstNew ??= el;
    }
    S.rendered.set(m.message_id, { el, view: m });
  }
  if (!list.length && !box.querySelector('.empty')) box.innerHTML = '<div class="empty">还没有消息。</div>';
  if (list.length) box.querySelector('.empty')?.remove();
  const c = currentChat();
  if (c) {
    S.seen[c.chat_id] = c.messages;
    localStorage.setItem('duban.seen', JSON.stringify(S.seen));
  }
  // Show the start of what just arrived (a long card reads from its header).
  if (firstNew && nearBottom) firstNew.scrollIntoView({ block: 'start' });
}

function redrawAll() {
  S.rendered.clear();
  $('messages').innerHTML = '';
  S.version = null;
  kick();
}

// --- composer and steps -------------------------------------------------------------------

function updateComposer() {
  const c = currentChat();
  const input = $('composer-text');
  const others = c?.chat_type === 'p2p' && c.members[0] !== S.who;
  input.disabled = !c || others;
  input.placeholder = !c
    ? '先选择一个会话'
    : others
      ? '这是别人的私聊；切换身份或打开“与督办私聊（我）”'
      : c.chat_type === 'p2p'
        ? `私聊${S.bot.name}，例如：任务7`
        : `在群里 @${S.bot.name} 提问，例如：任务7`;
}

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('composer-text');
  const text = input.value.trim();
  if (!text || !S.chatId) return;
  try {
    const r = await api('message', { chatId: S.chatId, sender: S.who, text });
    input.value = '';
    if (r.status !== 200) toast('error', `duban 未收下消息（HTTP ${r.status}）`);
  } catch (err) {
    toast('error', err.message);
  }
  kick();
});

$('stepbar').addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-step]');
  if (!b) return;
  const all = [...document.querySelectorAll('#stepbar button')];
  all.forEach((x) => (x.disabled = true));
  try {
    const { line } = await api('steps', { step: b.dataset.step });
    $('step-line').textContent = line;
    toast('info', line);
  } catch (err) {
    toast('error', err.message);
  } finally {
    all.forEach((x) => (x.disabled = false));
  }
  kick();
});

void loop();
