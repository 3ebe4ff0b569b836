export { buildDigestModel, buildDigestModelFromSummary } from './model.ts';
export { summariseDigestInput } from './summary.ts';
export { meetsTarget } from './indicators.ts';
export { daysUntil } from './countdown.ts';
export { severity } from './redlist.ts';
export * from './types.ts';
