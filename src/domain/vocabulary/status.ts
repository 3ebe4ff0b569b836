import type { DeadlineState } from '../deadlines.ts';
import type { Status } from '../status.ts';

/**
 * How a report status and a deadline state are shown, on every surface: the round and department
 * cards, the reminder, the digest, the chat answers and the exports. The web console draws what a
 * card's JSON says, so it shows these colours without a copy of its own.
 */

export const STATUS_LABEL: Record<Status, string> = {
  not_started: '未启动',
  on_track: '正常推进',
  at_risk: '存在风险',
  blocked: '受阻',
  pending_review: '待审核',
  done: '已完成',
};

/** Shown for a department that has not reported in a round. */
export const NOT_REPORTED_LABEL = '未填报';

/**
 * Lark colour names, valid as a header `template` and a markdown `<font color>`, and (all but grey,
 * which a text_tag calls neutral) as a `text_tag` colour.
 * The scheme is the usual "BRAG" status report: green = going to plan, amber (orange) = at risk,
 * red = blocked, blue = complete, grey = not started. Done is blue rather than green so that a
 * finished task and one still under way are told apart at a glance, while "green = nothing to
 * worry about" keeps its meaning in the digest's health header. 待审核 is purple: reported complete,
 * not yet accepted — neither the blue of done nor any colour of trouble.
 */
export type LarkColor = 'grey' | 'green' | 'orange' | 'red' | 'blue' | 'yellow' | 'purple';

export const STATUS_COLOR: Record<Status, LarkColor> = {
  not_started: 'grey',
  on_track: 'green',
  at_risk: 'orange',
  blocked: 'red',
  pending_review: 'purple',
  done: 'blue',
};

/** No report is not a status: it is drawn like "not started", grey. */
export const NOT_REPORTED_COLOR: LarkColor = 'grey';
/** In a chart, where colour alone tells the series apart, 未填报 is a light grey next to 未启动's grey. */
export const NOT_REPORTED_CHART_HEX = '#DEE0E3';

/**
 * 预警 yellow, 逾期 red: yellow, not orange, so a deadline warning is not mistaken for 存在风险.
 * `ok` is never drawn (a task on time carries no deadline mark).
 */
export const DEADLINE_LABEL: Record<DeadlineState, string> = { ok: '正常', warning: '预警', overdue: '逾期' };
export const DEADLINE_COLOR: Record<DeadlineState, LarkColor> = { ok: 'green', warning: 'yellow', overdue: 'red' };

/** The hex value Lark uses for each colour name, for charts (VChart takes CSS colours, not names). */
export const LARK_HEX: Record<LarkColor, string> = {
  grey: '#8F959E',
  green: '#34C724',
  orange: '#FF8800',
  red: '#F54A45',
  blue: '#3370FF',
  yellow: '#FFC60A',
  purple: '#7F3BF5',
};

export const statusLabel = (s: Status | null): string => (s === null ? NOT_REPORTED_LABEL : STATUS_LABEL[s]);
export const statusColor = (s: Status | null): LarkColor => (s === null ? NOT_REPORTED_COLOR : STATUS_COLOR[s]);
/** A chart colour per status, the hex of its Lark colour. */
export const statusChartColor = (s: Status): string => LARK_HEX[STATUS_COLOR[s]];
