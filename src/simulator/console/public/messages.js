// One chat's messages: text bubbles and cards. Only new or changed messages are redrawn, so a
// half-filled form survives the next poll; a click goes to the console API as the chosen person.

import { renderCard } from './card.js';
import { esc } from './markdown.js';
import { $, api, currentChat, fmtTime, kick, nameOf, S, toast } from './state.js';

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
  } else if (m.file) {
    // A file the bot sent: its name and size, and the download link Lark's client offers.
    const size = m.file.bytes >= 1048576 ? `${(m.file.bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(m.file.bytes / 1024))} KB`;
    main.insertAdjacentHTML('beforeend', `<div class="bubble file"><span class="file-icon" aria-hidden="true">${esc((m.file.name.split('.').pop() || '文件').toUpperCase().slice(0, 4))}</span><span><span class="file-name">${esc(m.file.name)}</span><br><span class="file-size">${size}</span></span><a href="${esc(m.file.url)}" download="${esc(m.file.name)}">下载</a></div>`);
  } else {
    main.insertAdjacentHTML('beforeend', `<div class="bubble">${esc(m.text ?? `[${m.msg_type}]`).replace(/\n/g, '<br>')}</div>`);
  }
  return e;
}

async function act(m, a) {
  try {
    const r = await api('action', { ...a, messageId: m.message_id, operator: S.who });
    // What Lark shows instead of the answer: a timeout past 3 s, or an answer it cannot use.
    if (r.errCode === 200341) toast('error', '飞书提示：回调超时（duban 未在 3 秒内应答，错误码 200341）');
    else if (r.errCode) toast('error', `飞书提示：回调应答无效（错误码 ${r.errCode}）`);
    else if (r.toast) toast(r.toast.type, r.toast.content);
    else if (r.status !== 200) toast('error', `duban 回调失败（HTTP ${r.status}）`);
  } catch (err) {
    toast('error', err.message);
  }
  kick();
}

export function renderMessages(list) {
  const box = $('messages');
  const opening = S.rendered.size === 0;
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80 || opening;
  let firstNew = null;
  let lastNew = null;
  for (const m of list) {
    const old = S.rendered.get(m.message_id);
    if (old && old.view.updates === m.updates) continue;
    const el = messageEl(m);
    if (old) old.el.replaceWith(el);
    else {
      box.append(el);
      firstNew ??= el;
      lastNew = el;
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
  // Show the start of what just arrived (a long card reads from its header); a chat opens at
  // its latest message, as in Lark.
  const target = opening ? lastNew : firstNew;
  if (target && nearBottom) target.scrollIntoView({ block: 'start' });
}

export function redrawAll() {
  S.rendered.clear();
  $('messages').innerHTML = '';
  S.version = null;
  kick();
}
