import { afterAll } from 'vitest';

// node-postgres warns once per process when a query is sent on a connection already running one
// (pg 9 will refuse it): usually Promise.all on a transaction. A test file that caused it fails here.
const seen: string[] = [];
process.on('warning', (w) => {
  if (/already executing a query/.test(w.message)) seen.push(w.message);
});

afterAll(async () => {
  await new Promise((r) => setImmediate(r)); // the warning is emitted on a later tick
  if (seen.length) throw new Error(`node-postgres: ${seen[0]} (queries overlapped on one connection: Promise.all inside a transaction?)`);
});
