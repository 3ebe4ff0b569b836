import { describe, expect, it } from 'vitest';
import { replaceSection, sectionOf } from '../../bench/lib/kept-sections.ts';

describe('kept sections of bench/results.md', () => {
  it('replaces a section with text that quotes dollar signs literally', () => {
    const page = '# duban benchmarks\n\n## Mutation score\n\nold\n\n## Footprint\n\nkept\n';
    const section = "## Mutation score\n\n- the `/_\\d+$/` anchor, `$'` and `$&` kept as written";
    const out = replaceSection(page, '## Mutation score', section);
    expect(out).toBe("# duban benchmarks\n\n## Mutation score\n\n- the `/_\\d+$/` anchor, `$'` and `$&` kept as written\n\n## Footprint\n\nkept\n");
    expect(out.match(/# duban benchmarks/g)).toHaveLength(1);
  });

  it('appends a section the page does not have', () => {
    expect(replaceSection('# duban benchmarks\n', '## Footprint', '## Footprint\n\nx')).toBe('# duban benchmarks\n\n## Footprint\n\nx\n');
    expect(sectionOf('# duban benchmarks\n', '## Footprint')).toBe('');
  });
});
