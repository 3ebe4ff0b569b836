import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DubanError } from '../errors.ts';

// One writer for the embedded database. PGlite is a single-process Postgres: a second process
// opening the same folder does not fail, it diverges (writes lost, later "Aborted()"). A lock file
// beside the data names the holder; a holder that died (kill -9) is noticed by its pid.

const LOCK_FILE = 'duban.lock';

interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
}

/** This process's holds, per folder: one process may open its own database more than once (demo, tests). */
const held = new Map<string, number>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return Number.isInteger(info.pid) ? info : null;
  } catch {
    return null;
  }
}

function removeOnExit(file: string): void {
  process.once('exit', () => {
    if (!held.has(file)) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  });
}

/**
 * Takes the lock of the embedded database in `dataDir`, or throws DB_LOCKED naming the process
 * that holds it. Returns the release function (call it after closing the database).
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.resolve(dataDir, LOCK_FILE);
  const mine = held.get(file);
  if (mine === undefined) {
    const me: LockInfo = { pid: process.pid, command: process.argv.slice(2).join(' ') || 'duban', startedAt: new Date().toISOString() };
    for (let attempt = 0; ; attempt++) {
      try {
        writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
        const other = readLock(file);
        if (other && other.pid !== process.pid && alive(other.pid)) {
          throw new DubanError(
            'DB_LOCKED',
            `内嵌数据库 ${path.resolve(dataDir)} 正被进程 ${other.pid}（duban ${other.command}，${other.startedAt} 起）使用，同一时间只能有一个进程打开它。` +
              `请先停止那个进程；或设置 DATABASE_URL 改用 Postgres，多个进程即可同时使用。`,
            { retryable: false },
          );
        }
        // The holder is gone (or it is this very pid, restarted in a container): take the lock over.
        unlinkSync(file);
      }
    }
    removeOnExit(file);
  }
  held.set(file, (mine ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(file) ?? 1) - 1;
    if (left > 0) return void held.set(file, left);
    held.delete(file);
    try {
      unlinkSync(file);
    } catch {
      // Removed by hand meanwhile: the lock is released either way.
    }
  };
}
