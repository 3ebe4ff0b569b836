import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerCard, answerText, type Answer, type DepartmentStatus, type TaskLine } from '../../src/cards/answers/index.ts';
import { buildDepartmentCards } from '../../src/cards/department-card.ts';
import { buildDigestCard } from '../../src/cards/digest.ts';
import { planTable } from '../../src/cli/import-output.ts';
import { buildDigestModel } from '../../src/domain/digest/model.ts';
import type { DeadlineState } from '../../src/domain/deadlines.ts';
import { STATUSES, type Status } from '../../src/domain/status.ts';
import { COMPARATOR_SYMBOL, COMPARATOR_WORD, isComparator } from '../../src/domain/vocabulary/comparators.ts';
import {
  DEADLINE_COLOR, DEADLINE_LABEL, LARK_HEX, NOT_REPORTED_COLOR, NOT_REPORTED_CHART_HEX, NOT_REPORTED_LABEL, STATUS_COLOR, STATUS_LABEL, statusChartColor,
} from '../../src/domain/vocabulary/status.ts';
import { ledgerRows, indicatorRow } from '../../src/export/sheets.ts';
import type { ReportData } from '../../src/export/types.ts';
import type { Comparator } from '../../src/plan/types.ts';
import { indicatorLine } from '../../src/usecases/ask-overview.ts';
import { seededWeek } from '../domain/digest/fixture.ts';
import { input, task } from './fixtures.ts';

type Json = Record<string, any>;
const COMPARATORS: Comparator[] = ['<=', '=', '>=', '>'];
const DEADLINES: DeadlineState[] = ['warning', 'overdue'];

/** The colour each shown word must carry, whatever surface shows it. */
const EXPECTED = new Map<string, string>([
  ...STATUSES.map((s) => [STATUS_LABEL[s], STATUS_COLOR[s]] as [string, string]),
  ...DEADLINES.map((d) => [DEADLINE_LABEL[d], DEADLINE_COLOR[d]] as [string, string]),
  [NOT_REPORTED_LABEL, NOT_REPORTED_COLOR],
]);

/** Every coloured vocabulary word in a card: `<font>`/`<text_tag>` in markdown and header text tags. */
function colouredWords(card: unknown): [word: string, color: string][] {
  const json = JSON.stringify(card);
  const out: [string, string][] = [];
  for (const m of json.matchAll(/<(font|text_tag) color='([a-z]+)'>([^<]*)<\/\1>/g)) out.push([m[3]!, m[2]!]);
  for (const t of (card as Json).header?.text_tag_list ?? []) out.push([String(t.text.content).replace(/ \d+$/, ''), t.color]);
  return out.filter(([word]) => EXPECTED.has(word));
}

const dept = (status: Status | null, i: number): DepartmentStatus => ({
  name: `部门${i}`, role: 'co', status, progress: status ? 50 : null, reporter: null, reportedAt: null, note: '', trend: [status],
});
const line = (status: Status, n: number, deadlineState: DeadlineState = 'ok'): TaskLine => ({ number: n, title: `任务${n}`, status, progress: 10, deadlineState, highlight: null });

function departmentCards(): unknown[] {
  const last = (status: Status) => ({ status, progress: 40, note: '', reporterName: null, reportedAt: new Date('2021-06-01T02:00:00Z') });
  const tasks = [
    ...STATUSES.map((s, i) => task(i + 1, { last: last(s) })),
    task(10, { deadlineState: 'warning' }),
    task(11, { deadlineState: 'overdue' }),
  ];
  return buildDepartmentCards(input(tasks));
}

function answerCards(): unknown[] {
  const all = STATUSES.map((s, i) => line(s, i + 1));
  const answers: Answer[] = [
    ...STATUSES.map((s): Answer => ({
      kind: 'task',
      task: { number: 1, title: 't', section: null, deadline: 'x', deadlineState: 'overdue', status: s, progress: 1, trendRounds: [], departments: [...STATUSES.map(dept), dept(null, 9)] },
    })),
    { kind: 'department', name: '运用促进司', filter: null, tasks: [...all, line('on_track', 8, 'warning'), line('on_track', 9, 'overdue')] },
    { kind: 'list', filter: 'done', tasks: [line('done', 1)] },
  ];
  return answers.map(answerCard);
}

describe('one vocabulary for statuses on every surface', () => {
  it('gives each status, deadline state and 未填报 the same colour on the round card, the digest and the chat answers', () => {
    const surfaces = { round: departmentCards(), digest: [buildDigestCard(buildDigestModel(seededWeek()))], answers: answerCards() };
    const seen = new Set<string>();
    for (const [surface, cards] of Object.entries(surfaces)) {
      for (const card of cards) {
        for (const [word, color] of colouredWords(card)) {
          expect(color, `${surface}: ${word}`).toBe(EXPECTED.get(word));
          seen.add(`${surface}:${word}`);
        }
      }
    }
    // the check above means something only if each surface really showed the words
    for (const s of STATUSES) expect(seen).toContain(`round:${STATUS_LABEL[s]}`);
    for (const s of STATUSES) expect(seen).toContain(`answers:${STATUS_LABEL[s]}`);
    for (const d of DEADLINES) expect(seen).toContain(`round:${DEADLINE_LABEL[d]}`);
    for (const d of DEADLINES) expect(seen).toContain(`answers:${DEADLINE_LABEL[d]}`);
    expect(seen).toContain(`answers:${NOT_REPORTED_LABEL}`);
    expect(seen).toContain(`digest:${STATUS_LABEL.blocked}`);
    expect(seen).toContain(`digest:${DEADLINE_LABEL.overdue}`);
  });

  it('colours a task answer’s header and a list’s header by the status they show, as the round card colours that status', () => {
    const [round] = buildDepartmentCards(input([task(1, { last: { status: 'on_track', progress: 1, note: '', reporterName: null, reportedAt: new Date() } })]));
    const roundColour = /<font color='([a-z]+)'>正常推进<\/font>/.exec(JSON.stringify(round))?.[1];
    const answer = answerCard({ kind: 'task', task: { number: 1, title: 't', section: null, deadline: 'x', deadlineState: 'ok', status: 'on_track', progress: 1, trendRounds: [], departments: [] } }) as Json;
    expect(answer.header.template).toBe(roundColour);
    expect(roundColour).toBe(STATUS_COLOR.on_track);
    expect((answerCard({ kind: 'list', filter: 'done', tasks: [line('done', 1)] }) as Json).header.template).toBe(STATUS_COLOR.done);
    expect((answerCard({ kind: 'list', filter: 'warning', tasks: [line('on_track', 1, 'warning')] }) as Json).header.template).toBe(DEADLINE_COLOR.warning);
  });

  it('draws the digest chart in the hex of each status’s Lark colour', () => {
    const card = buildDigestCard(buildDigestModel(seededWeek())) as Json;
    const chart = card.body.elements.find((e: Json) => e.tag === 'chart');
    const { domain, range } = chart.chart_spec.color as { domain: string[]; range: string[] };
    const byLabel = new Map(STATUSES.map((s) => [STATUS_LABEL[s], s]));
    // Every status in its colour, then 未填报 as a series of its own (never merged into 未启动).
    expect(domain).toEqual([...domain.slice(0, STATUSES.length), NOT_REPORTED_LABEL]);
    domain.slice(0, STATUSES.length).forEach((label, i) => expect(range[i]).toBe(statusChartColor(byLabel.get(label)!)));
    expect(range[STATUSES.length]).toBe(NOT_REPORTED_CHART_HEX);
    expect(statusChartColor('on_track')).toBe(LARK_HEX[STATUS_COLOR.on_track]);
  });

  it('writes the same status words in the exports and the plain-text answers', () => {
    const data: ReportData = {
      plan: { title: 'p', docNumber: null, year: 2021, reportDeadline: null, reportTo: null },
      sections: [],
      tasks: [],
      indicators: [],
    };
    const departments = [...STATUSES, null].map((status, i) => ({
      name: `部门${i}`, role: 'co', status, progress: null, note: '', reporter: null, reportedAt: null, late: false,
    }));
    const rows = ledgerRows(data, { id: 1, number: 1, title: 't', section: null, deadlineKind: null, dueDate: null, departments }, 'Asia/Shanghai');
    expect(rows.map((r) => r.status)).toEqual([...STATUSES.map((s) => STATUS_LABEL[s]), NOT_REPORTED_LABEL]);
    const text = answerText({ kind: 'task', task: { number: 1, title: 't', section: null, deadline: 'x', deadlineState: 'ok', status: 'blocked', progress: 1, trendRounds: [], departments: [dept('blocked', 0), dept(null, 1)] } });
    expect(text).toContain(`总体状态：${STATUS_LABEL.blocked}`);
    expect(text).toContain(NOT_REPORTED_LABEL);
    // A task none of whose departments ever reported is 未填报, not 未启动.
    const silent = answerText({ kind: 'task', task: { number: 1, title: 't', section: null, deadline: 'x', deadlineState: 'ok', status: 'not_started', progress: 0, trendRounds: [], departments: [dept(null, 1)] } });
    expect(silent).toContain(`总体状态：${NOT_REPORTED_LABEL}`);
    expect(silent).not.toContain(STATUS_LABEL.not_started);
  });

  it('gives each Lark colour of the vocabulary a style in the web console, which draws what the card JSON says', () => {
    const css = readFileSync(new URL('../../src/simulator/console/public/console.css', import.meta.url), 'utf8');
    const colours = new Set([...Object.values(STATUS_COLOR), ...Object.values(DEADLINE_COLOR), NOT_REPORTED_COLOR]);
    for (const c of colours) {
      expect(css, `tpl-${c}`).toMatch(new RegExp(`\\.tpl-${c}\\b`));
      expect(css, `f-${c}`).toMatch(new RegExp(`\\.f-${c}\\b`));
    }
    for (const c of Object.values(DEADLINE_COLOR)) expect(css, `tt-${c}`).toMatch(new RegExp(`\\.tt-${c}\\b`));
  });
});

describe('one vocabulary for comparators on every surface', () => {
  const indicator = (comparator: Comparator) => ({ id: 1, name: '审查周期', comparator, target: 18.5, unit: '个月', owner: null, value: null, reportedAt: null, reporterOpenId: null, reporterName: null });

  it('words each comparator the same on the round card and in the chat answer', () => {
    for (const c of COMPARATORS) {
      const [card] = buildDepartmentCards(input([], { indicators: [{ id: 7, name: '审查周期', comparator: c, value: 18.5, unit: '个月', last: null }] }));
      expect(JSON.stringify(card), c).toContain(`目标：${COMPARATOR_WORD[c]} 18.5个月`);
      expect(indicatorLine(indicator(c), { now: new Date(), timezone: 'Asia/Shanghai' }).target, c).toBe(`${COMPARATOR_SYMBOL[c]} 18.5 个月（${COMPARATOR_WORD[c]}）`);
    }
    expect(COMPARATOR_WORD['<=']).toBe('不超过');
  });

  it('writes the same symbol in the digest, the export and the import summary', () => {
    for (const c of COMPARATORS) {
      const model = buildDigestModel(seededWeek());
      model.indicators = model.indicators.slice(0, 1).map((i) => ({ ...i, comparator: c, target: 18.5, unit: '个月' }));
      expect(JSON.stringify(buildDigestCard(model)), c).toContain(`目标 ${COMPARATOR_SYMBOL[c]}18.5个月`);
      const row = indicatorRow({ name: 'x', comparator: c, target: 18.5, unit: '个月', owner: null, value: null, reportedAt: null }, 'Asia/Shanghai');
      expect(row.target, c).toBe(`${COMPARATOR_SYMBOL[c]}18.5`);
      const plan = { title: 't', docNumber: null, year: 2021, reportDeadline: null, reportTo: null, sections: [], tasks: [], indicators: [{ name: '审查周期', comparator: c, value: 18.5, unit: '个月' }], keyPoints: [] };
      expect(planTable(plan).join('\n'), c).toContain(`审查周期 ${COMPARATOR_SYMBOL[c]} 18.5 个月`);
    }
  });

  it('knows only the four comparators, not names inherited by every object', () => {
    expect(COMPARATORS.every(isComparator)).toBe(true);
    expect(isComparator('toString')).toBe(false);
    expect(isComparator('<')).toBe(false);
  });
});
