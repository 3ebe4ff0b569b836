/**
 * Where each unit stands in the 成效报送: its latest electronic report and its paper copy. Pure:
 * the caller reads the units, files and confirmations.
 */

export interface ResultUnit {
  id: number;
  name: string;
  /** department | region */
  kind: string;
}

export interface ResultFileFact {
  departmentId: number;
  fileName: string;
  sizeBytes: number;
  mimeType: string;
  sha256: string;
  submittedBy: string;
  submittedByName: string | null;
  submittedAt: Date;
}

export interface PaperFact {
  departmentId: number;
  confirmedBy: string;
  confirmedByName: string | null;
  confirmedAt: Date;
}

export interface UnitResultStatus {
  unit: ResultUnit;
  /** the latest file the unit sent, and how many it sent in all */
  latest: ResultFileFact | null;
  files: number;
  paper: PaperFact | null;
}

export interface ResultsOverview {
  units: UnitResultStatus[];
  submitted: number;
  paperConfirmed: number;
  /** units with neither the electronic report nor the paper copy */
  nothing: number;
}

/** One status per unit, in the order given; files may come in any order. */
export function resultStatuses(units: readonly ResultUnit[], files: readonly ResultFileFact[], papers: readonly PaperFact[]): ResultsOverview {
  const latest = new Map<number, ResultFileFact>();
  const count = new Map<number, number>();
  for (const f of files) {
    count.set(f.departmentId, (count.get(f.departmentId) ?? 0) + 1);
    const seen = latest.get(f.departmentId);
    if (!seen || seen.submittedAt.getTime() <= f.submittedAt.getTime()) latest.set(f.departmentId, f);
  }
  const paper = new Map(papers.map((p) => [p.departmentId, p]));
  const rows = units.map((unit) => ({ unit, latest: latest.get(unit.id) ?? null, files: count.get(unit.id) ?? 0, paper: paper.get(unit.id) ?? null }));
  return {
    units: rows,
    submitted: rows.filter((r) => r.latest).length,
    paperConfirmed: rows.filter((r) => r.paper).length,
    nothing: rows.filter((r) => !r.latest && !r.paper).length,
  };
}
