import type { DbOrTx } from '../db/client.ts';
import { loadAccessRows, readAccessVersion } from '../db/repositories/access-snapshot.repository.ts';
import { indexAccess, type AccessDirectory } from '../domain/authorise.ts';

/**
 * The directory, plan tasks, assignments, indicators and rounds a card action is authorised and
 * answered from, kept in memory. Whoever writes them bumps a version in the same transaction
 * (database triggers, migration 0006), announced with NOTIFY; the cache reloads when it hears of
 * a newer version, and a periodic check of the version is the safety net for a lost notification.
 *
 * Until `notified()` says notifications are being heard, every `current()` reads the version
 * first (one query): tests and tools that build a route without the listener stay exact.
 */
export interface AccessCache {
  /** The directory as of the newest version this process knows of. */
  current(): Promise<AccessDirectory>;
  /** A notification: `version` exists (null: unknown, e.g. the listening connection was reopened). */
  notice(version: number | null): void;
  /** From now on rely on notices (and the periodic check) instead of a version read per call. */
  notified(on: boolean): void;
  /** Reads the version now and reloads if it moved (the periodic safety net). */
  check(): Promise<void>;
  /** The version held in memory (null before the first load). */
  version(): number | null;
  /** Called after every reload (the card pages built from the old one are dropped). */
  onReload(listener: (dir: AccessDirectory) => void): void;
}

export function createAccessCache(db: DbOrTx): AccessCache {
  let held: AccessDirectory | null = null;
  let loading: Promise<AccessDirectory> | null = null;
  // The newest version we know exists; `unknown`: something may have changed (a reconnected listener).
  let wanted = 0;
  let unknown = false;
  let listening = false;
  const listeners: ((dir: AccessDirectory) => void)[] = [];
  const stale = () => held === null || unknown || wanted > held.version;

  const reload = (): Promise<AccessDirectory> => {
    if (loading) return loading;
    // What this load reads covers every change announced before it starts, not those during it.
    unknown = false;
    loading = loadAccessRows(db)
      .then((dir) => indexAccess(dir))
      .then((dir) => {
        held = dir;
        loading = null;
        for (const l of listeners) l(dir);
        // A notice heard while this load ran may be newer than what it read: load once more.
        if (listening && stale()) void reload().catch(() => {});
        return dir;
      })
      .catch((e: unknown) => {
        loading = null;
        throw e;
      });
    return loading;
  };

  return {
    async current() {
      if (!listening) {
        const v = await readAccessVersion(db);
        if (held && held.version === v && !loading) return held;
        wanted = Math.max(wanted, v);
        // A load already running may have read the version before v: then one more.
        const dir = await (loading ?? reload());
        return dir.version >= v ? dir : reload();
      }
      // Wait for a reload we know is due: a reporter removed a moment ago is refused, not let through.
      return stale() ? (loading ?? reload()) : held!;
    },
    notice(version) {
      if (version === null || !Number.isFinite(version)) unknown = true;
      else if (held && version <= held.version) return;
      else wanted = Math.max(wanted, version);
      // Load at once rather than on the next card action, so the first one after a change is not slower.
      void (loading ?? reload()).catch(() => {});
    },
    notified(on) {
      listening = on;
    },
    async check() {
      const v = await readAccessVersion(db);
      if (!held || v !== held.version) {
        wanted = Math.max(wanted, v);
        await (loading ?? reload());
      }
    },
    version: () => held?.version ?? null,
    onReload(listener) {
      listeners.push(listener);
    },
  };
}
