import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distIsCurrent } from '../../bin/build-state.js';

// bin/duban.js runs dist/ only while it is current, so an edit never runs as stale compiled code.
describe('whether bin/duban.js may run dist/', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const at = (rel: string, seconds: number) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, seconds, seconds);
  };
  const fresh = () => (root = `${mkdtempSync(path.join(tmpdir(), 'duban-build-'))}/`);

  it('is current when every source is older than the stamp of the build', () => {
    fresh();
    at('src/cli/index.ts', 1000);
    at('src/db/schema/a.ts', 1500);
    at('dist/.built', 2000);
    expect(distIsCurrent(root)).toBe(true);
  });

  it('is stale when a source, however deep, was saved after the build', () => {
    fresh();
    at('src/cli/index.ts', 1000);
    at('src/db/schema/a.ts', 2001);
    at('dist/.built', 2000);
    expect(distIsCurrent(root)).toBe(false);
  });

  it('is missing without the stamp (never built, or a build that failed)', () => {
    fresh();
    at('src/cli/index.ts', 1000);
    at('dist/cli/index.js', 2000);
    expect(distIsCurrent(root)).toBe(false);
  });

  it('is taken as it is without src/ (an image that ships dist/ alone)', () => {
    fresh();
    at('dist/.built', 2000);
    expect(distIsCurrent(root)).toBe(true);
  });
});
