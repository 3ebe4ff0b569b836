import { describe, expect, it } from 'vitest';
import { carriedLabel, carriedRow } from '../../bench/lib/carried-rows.ts';

const section = [
  '## Mutation score',
  '',
  '`npm run mutation` … — written 2026-12-01 22:54 UTC from reports of …',
  '',
  '| folder | mutants | killed | timed out | survived | no coverage | ignored (static, log lines) | score | of covered |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  '| src/domain (55 of 60 files) | 4625 | 1730 | 9 | 625 | 132 | 1055 | **69.7 %** | 73.6 % |',
  '| src/plan (13 of 14 files) | 1296 | 1044 | 0 | 40 | 14 | 198 | **95.1 %** | 96.3 % |',
  '| src/cards (all 27 files with code; carried from 2026-11-30 08:00) | 10 | 8 | 0 | 1 | 0 | 0 | **88.9 %** | 88.9 % |',
  '| inbound path | — | — | — | — | — | — | not measured in this run | — |',
].join('\n');

describe('carried mutation-score rows', () => {
  it('keeps the figures of a measured row and the time its table was written', () => {
    expect(carriedRow(section, 'src/plan')).toEqual({
      counts: { mutants: 1296, Killed: 1044, Timeout: 0, Survived: 40, NoCoverage: 14, Ignored: 198, errors: 0 },
      since: '2026-12-01 22:54',
      files: '13 of 14 files',
    });
  });

  it('counts the mutants the checker rejected as the rest of the total', () => {
    expect(carriedRow(section, 'src/domain')?.counts.errors).toBe(4625 - 1730 - 9 - 625 - 132 - 1055);
  });

  it('keeps the first time of a row carried before, not the time of the table that carried it', () => {
    expect(carriedRow(section, 'src/cards')).toMatchObject({ since: '2026-11-30 08:00', files: 'all 27 files with code' });
  });

  it('has nothing to carry for a folder that was not measured or is absent', () => {
    expect(carriedRow(section, 'inbound path')).toBeUndefined();
    expect(carriedRow(section, 'src/directory')).toBeUndefined();
  });

  it('does not take a folder for another whose name it starts with', () => {
    expect(carriedRow('written 2026-12-01 22:54 UTC\n| src/domainx | 1 | 1 | 0 | 0 | 0 | 0 | **100 %** | 100 % |', 'src/domain')).toBeUndefined();
  });

  it('labels the row with its time and whether the source changed after it', () => {
    const row = carriedRow(section, 'src/plan')!;
    expect(carriedLabel('src/plan', row, false)).toBe('src/plan (13 of 14 files; carried from 2026-12-01 22:54)');
    expect(carriedLabel('src/plan', row, true)).toBe('src/plan (13 of 14 files; carried from 2026-12-01 22:54, source changed since)');
  });
});
