// The console page: who I am, the chat list, one chat's messages (polled each second; only
// changed messages are redrawn so half-filled forms survive), the composer and the step buttons.

import { esc } from './markdown.js';
import { redrawAll, renderMessages } from './messages.js';
import { $, api, chatTitle, currentChat, kick, me, nameOf, pause, S, toast } from './state.js';

// --- polling ------------------------------------------------------------------------------

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
  S.menu = snap.menu ?? [];
  if (S.people.length !== snap.people.length) {
    S.people = snap.people;
    renderWho();
  }
  if (!S.chatId || !currentChat()) return selectChat(defaultChat());
  renderChats();
  renderHead();
  updateComposer();
  renderMenu();
  renderMessages(snap.messages);
}

async function loop() {
  for (;;) {
    try {
      await refresh();
    } catch {
      document.body.classList.add('offline');
    }
    await pause(1000);
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
    `<button type="button" class="chat-item pinned${currentChat()?.chat_type === 'p2p' && currentChat()?.members[0] === S.who ? ' active' : ''}" data-p2p="1"><span class="chat-name">与${esc(S.bot.name)}私聊（我）</span><span class="preview">以当前身份私聊机器人</span></button>` +
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

// The bot's menu (机器人自定义菜单): in one's own private chat with the bot, as in Lark.
function renderMenu() {
  const c = currentChat();
  const own = c?.chat_type === 'p2p' && c.members[0] === S.who;
  const menu = S.menu ?? [];
  const box = $('botmenu');
  box.hidden = !own || menu.length === 0;
  const html = `<span class="botmenu-label">菜单：</span>${menu.map((m) => `<button type="button" data-menu="${esc(m.key)}">${esc(m.label)}</button>`).join('')}`;
  if (box.dataset.html !== html) {
    box.innerHTML = html;
    box.dataset.html = html;
  }
}

$('botmenu').addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-menu]');
  if (!b) return;
  try {
    const r = await api('menu', { operator: S.who, eventKey: b.dataset.menu });
    if (r.status !== 200) toast('error', `duban 未收下菜单事件（HTTP ${r.status}）`);
  } catch (err) {
    toast('error', err.message);
  }
  kick();
});

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('composer-text');
  const text = input.value.trim();
  // Images and files need no text (a file takes the text as its name).
  const kind = $('composer-kind').value;
  if ((!text && (kind === 'text' || kind === 'post')) || !S.chatId) return;
  try {
    const r = await api('message', { chatId: S.chatId, sender: S.who, text, kind, ...(kind === 'file' && text ? { fileName: text } : {}) });
    input.value = '';
    if (r.status !== 200) toast('error', `duban 未收下消息（HTTP ${r.status}）`);
  } catch (err) {
    toast('error', err.message);
  }
  kick();
});

// Files: a picked file is sent with its bytes (base64); the sample button sends a small PDF the
// fake generates. Either way duban downloads it through the message resource API, as from Lark.
async function sendFile(extra) {
  if (!S.chatId) return toast('error', '先选择一个会话');
  try {
    const r = await api('message', { chatId: S.chatId, sender: S.who, text: '', kind: 'file', ...extra });
    if (r.status !== 200) toast('error', `duban 未收下消息（HTTP ${r.status}）`);
  } catch (err) {
    toast('error', err.message);
  }
  kick();
}

function base64Of(buffer) {
  const bytes = new Uint8Array(buffer);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

$('composer-pick').addEventListener('click', () => $('composer-file').click());
$('composer-file').addEventListener('change', async () => {
  const file = $('composer-file').files?.[0];
  $('composer-file').value = '';
  if (!file) return;
  if (file.size > 8 * 1024 * 1024) return toast('error', '控制台只能发送 8 MB 以内的文件');
  await sendFile({ fileName: file.name, fileBase64: base64Of(await file.arrayBuffer()) });
});
$('composer-sample').addEventListener('click', () => sendFile({ fileName: '成效报送示例.pdf' }));

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
