// The top of a V8 CPU profile (node --cpu-prof): self time by package (or our own folder) and by function.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileLine {
  name: string;
  /** share of all samples, % */
  pct: number;
}

const where = (url: string): string => {
  if (!url) return '(V8 / native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const own = /\/(src|bench)\/([^/]+)/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
};

export function summariseProfile(profile: { nodes: ProfileNode[] }, top = 12): { byPackage: ProfileLine[]; byFunction: ProfileLine[] } {
  const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    const pkg = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : where(f.url);
    add(byPackage, pkg, hits);
    add(byFunction, `${name} ${where(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`, hits);
  }
  const lines = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, pct: Math.round((1000 * hits) / total) / 10 }));
  return { byPackage: lines(byPackage), byFunction: lines(byFunction) };
}
