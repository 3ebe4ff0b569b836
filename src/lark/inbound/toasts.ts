import type { Toast } from '../../contracts/inbound.ts';

// The dispatcher's own answers to a card callback (the route's answers are its own).
export const TOAST_RECEIVED: Toast = { type: 'success', content: '已收到' };
export const TOAST_UNAVAILABLE: Toast = { type: 'error', content: '服务暂时不可用，请稍后重试' };
export const TOAST_FAILED: Toast = { type: 'error', content: '处理失败，请稍后重试' };
export const TOAST_INVALID: Toast = { type: 'error', content: '无法识别的操作' };
