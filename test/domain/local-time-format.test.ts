import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';

// formatLocalTime takes Intl's Swedish format when it writes yyyy-MM-dd HH:mm (it does on Node's
// full ICU); an ICU that writes it otherwise gets the time assembled from its parts instead.

afterEach(() => {
  vi.restoreAllMocks();
});

describe('formatLocalTime on an ICU whose Swedish dates differ', () => {
  it('assembles the local time from its parts', async () => {
    const Real = Intl.DateTimeFormat;
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (this: unknown, locale?: string | string[], options?: Intl.DateTimeFormatOptions) {
      const f = new Real(locale, options);
      // a Swedish format with a T between date and time, as some ICU builds may write it
      if (locale === 'sv-SE') return { format: (d?: Date | number) => f.format(d).replace(' ', 'T') };
      return f;
    } as unknown as typeof Intl.DateTimeFormat);
    // a fresh module: each zone's format is built once and kept
    vi.resetModules();
    const { formatLocalTime } = await import('../../src/domain/rounds.ts');
    for (const [iso, zone] of [
      ['2021-06-09T06:05:00Z', 'Asia/Kathmandu'],
      ['2021-12-31T23:59:00Z', 'Asia/Kathmandu'],
      ['2021-10-12T16:05:59Z', 'Asia/Shanghai'],
    ] as const) {
      const at = new Date(iso);
      expect(formatLocalTime(at, zone), `${iso} ${zone}`).toBe(DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm'));
    }
    expect(formatLocalTime(new Date('2021-10-12T16:05:59Z'), 'Asia/Shanghai')).toBe('2021-10-13 00:05');
  });
});
