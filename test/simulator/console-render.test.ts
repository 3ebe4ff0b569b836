import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mountConsole } from '../../src/simulator/console/index.ts';
import { loadFakeState, persistFakeState } from '../../src/simulator/console/persist.ts';
import { renderMarkdown } from '../../src/simulator/console/public/markdown.js';
import { startFakeLark, type FakeLark } from '../../src/simulator/index.ts';
import { card } from '../support/fake-lark.ts';

// The console's markdown (a browser module, pure string → HTML), its persistence between demo
// runs, and what it answers when duban is not wired in.

const names = { nameOf: (id: string) => ({ ou_zs: '张三' })[id] };

describe('console markdown', () => {
  it('renders bold, colour, links and mentions by name', () => {
    const html = renderMarkdown("**任务7** <font color='red'>受阻</font> [链接](https://example.com/a) <at id=ou_zs></at>", names);
    expect(html).toBe(
      '<p><strong>任务7</strong> <span class="f-red">受阻</span> <a href="https://example.com/a" target="_blank" rel="noopener">链接</a> <span class="mention" title="ou_zs">@张三</span></p>',
    );
  });

  it('shows escaped text literally: entities, backslashes, no mention of everyone', () => {
    const html = renderMarkdown('&lt;at id=all&gt;&lt;/at&gt; \\*\\*不加粗\\*\\* &amp;', names);
    expect(html).toBe('<p>&lt;at id=all&gt;&lt;/at&gt; **不加粗** &amp;</p>');
  });

  it('never lets raw HTML or script URLs through', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> [x](javascript:alert(1)) <font color="red;x:y">t</font>');
    expect(html).not.toMatch(/<img|href="javascript/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('class="f-default"');
  });

  it('keeps line breaks and renders lists and text tags', () => {
    const html = renderMarkdown("第一行\n第二行\n- 甲\n- 乙\n<text_tag color='blue'>牵头</text_tag>");
    expect(html).toBe('<p>第一行<br>第二行</p><ul><li>甲</li><li>乙</li></ul><p><span class="tt tt-blue">牵头</span></p>');
  });
});

describe('console persistence', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a second fake loads the chats and messages the first one saved', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duban-console-'));
    dirs.push(dir);
    const file = join(dir, 'fake-lark.json');
    const a = await startFakeLark({ appId: 'cli_x', appSecret: 's' });
    a.addChat({ chat_id: 'oc_a', name: '甲群' });
    const saver = persistFakeState(a, file);
    const c = card('卡片');
    a.state.addMessage({ message_id: 'om_1', chat_id: 'oc_a', msg_type: 'interactive', content: JSON.stringify(c), card: c, create_time: '1', update_time: '1', updates: 0, sender: { id: 'cli_x', id_type: 'app_id', sender_type: 'app' } });
    await saver.flush();
    saver.stop();
    await a.stop();

    const b = await startFakeLark({ appId: 'cli_x', appSecret: 's', mount: (f) => void loadFakeState(f, file) });
    expect(b.state.chats.get('oc_a')?.name).toBe('甲群');
    expect(b.state.messages.get('om_1')?.card).toEqual(c);
    await b.stop();
  });

  it('a missing file is an empty world', async () => {
    const f = await startFakeLark({ appId: 'cli_x', appSecret: 's' });
    expect(loadFakeState(f, '/nonexistent/fake-lark.json')).toBe(0);
    await f.stop();
  });
});

describe('console without duban', () => {
  let fake: FakeLark;
  afterAll(() => fake?.stop());

  it('answers 503 for clicks before duban runs and 501 for steps it has no hook for', async () => {
    fake = await startFakeLark({
      appId: 'cli_x',
      appSecret: 's',
      mount: (f) => mountConsole(f, { webhookUrl: () => undefined, appId: 'cli_x', botOpenId: 'ou_bot', people: [{ openId: 'ou_p', name: '某人', role: 'outsider' }] }),
    });
    fake.addChat({ chat_id: 'oc_a', name: '甲群' });
    const c = card('卡片');
    fake.state.addMessage({ message_id: 'om_1', chat_id: 'oc_a', msg_type: 'interactive', content: JSON.stringify(c), card: c, create_time: '1', update_time: '1', updates: 0, sender: { id: 'cli_x', id_type: 'app_id', sender_type: 'app' } });
    const click = await fake.app.inject({ method: 'POST', url: '/console/api/action', payload: { messageId: 'om_1', operator: 'ou_p', value: {} } });
    expect(click.statusCode).toBe(503);
    expect(click.json().error).toContain('duban 尚未启动');
    const step = await fake.app.inject({ method: 'POST', url: '/console/api/steps', payload: { step: 'digest' } });
    expect(step.statusCode).toBe(501);
    expect((await fake.app.inject({ method: 'GET', url: '/console/api/snapshot' })).json().steps).toBe(false);
  });
});
