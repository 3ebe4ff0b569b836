// A folder no current report measures keeps the figures of the table already in bench/results.md,
// marked with the time they were written: a full part takes hours on the shared two-core machine, and
// a missing report (reports/ is not committed) must not turn a measured folder into "not measured".
// The caller says whether the folder's source changed after that time, so a stale row reads as such.

export interface RowCounts {
  mutants: number;
  Killed: number;
  Timeout: number;
  Survived: number;
  NoCoverage: number;
  Ignored: number;
  errors: number;
}

export interface CarriedRow {
  counts: RowCounts;
  /** `YYYY-MM-DD HH:MM` (UTC) of the table the figures were first written in. */
  since: string;
  /** The label's file count, e.g. `13 of 14 files`, when the row had one. */
  files?: string;
}

const CARRIED = /carried from (\d{4}-\d\d-\d\d \d\d:\d\d)/;

/** The measured row of `group` in an earlier copy of the section, or undefined when it had none. */
export function carriedRow(section: string, group: string): CarriedRow | undefined {
  const written = /written (\d{4}-\d\d-\d\d \d\d:\d\d) UTC/.exec(section)?.[1];
  for (const line of section.split('\n')) {
    const [label = '', ...rest] = line.split('|').slice(1, -1).map((c) => c.trim());
    if (rest.length !== 8 || !(label === group || label.startsWith(`${group} (`))) continue;
    const n = rest.slice(0, 6).map(Number);
    if (n.some((x) => !Number.isInteger(x))) return undefined; // "not measured in this run"
    const [mutants = 0, Killed = 0, Timeout = 0, Survived = 0, NoCoverage = 0, Ignored = 0] = n;
    const since = CARRIED.exec(label)?.[1] ?? written;
    if (since === undefined) return undefined;
    const files = /\(((?:all )?\d+(?: of \d+)? files(?: with code)?)/.exec(label)?.[1];
    return { counts: { mutants, Killed, Timeout, Survived, NoCoverage, Ignored, errors: mutants - Killed - Timeout - Survived - NoCoverage - Ignored }, since, files };
  }
  return undefined;
}

/** The row label of a carried folder. */
export function carriedLabel(group: string, row: CarriedRow, changedSince: boolean): string {
  const files = row.files ? `${row.files}; ` : '';
  return `${group} (${files}carried from ${row.since}${changedSince ? ', source changed since' : ''})`;
}
