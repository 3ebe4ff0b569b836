export * from './directory.tables.ts';
export * from './plan.tables.ts';
export * from './rounds.tables.ts';
export * from './lark.tables.ts';
export * from './settings.tables.ts';
export * from './inbound.tables.ts';
export * from './operations.tables.ts';
