// Whether dist/ (`npm run build`) can run in place of src/: dist/.built exists and no file in
// src/ is newer (one stat per source file, about a millisecond); without src/ (an image that ships
// dist/ alone) it is taken as it is. Shared by bin/duban.js and bench/footprint.ts.
import { existsSync, readdirSync, statSync } from 'node:fs';

export function distIsCurrent(root) {
  let built;
  try {
    built = statSync(`${root}dist/.built`).mtimeMs;
  } catch {
    return false;
  }
  if (!existsSync(`${root}src`)) return true;
  for (const f of readdirSync(`${root}src`, { recursive: true, withFileTypes: true })) {
    if (f.isFile() && statSync(`${f.parentPath ?? f.path}/${f.name}`).mtimeMs > built) return false;
  }
  return true;
}
