// `node --import ./test/support/module-log.mjs …` with DUBAN_MODULE_LOG=<file>: appends the URL of
// every module the process loads to that file, one a line, as it loads them (ESM loads through the
// loader hook below; CommonJS files required by CommonJS ones from require.cache at exit). How
// test/cli/lazy-commands.test.ts and bench/footprint.ts see what a command pulls in.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.DUBAN_MODULE_LOG;
if (file) {
  register('./module-log-hooks.mjs', import.meta.url, { data: { file } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => appendFileSync(file, Object.keys(require.cache).map((f) => `${pathToFileURL(f).href}\n`).join('')));
}
