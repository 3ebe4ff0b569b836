import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { actsOnRunWeek, allowedRunTime, decideStep, planSteps, type CalendarStep, type StepTimeRules } from '../../../src/domain/calendar/step-times.ts';
import { buildWorkCalendar, type WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';

// When a scheduled step runs once holidays and the quiet hours are applied, on the 2021 calendar
// around 中秋节 and 国庆节 (the State Council's notice: 09-19…09-21 and 10-01…10-07 off, 09-18,
// 09-26 and 10-09 worked).

const TZ = 'Asia/Shanghai';
const local = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toJSDate();
const show = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: TZ }).toFormat('yyyy-MM-dd HH:mm:ss.SSS') : null);

function rules(quiet: StepTimeRules['quietHours'] = { start: 20 * 60, end: 8 * 60 }): StepTimeRules {
  const days = (name: string, from: number, to: number, month = '10') =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ date: `2021-${month}-${String(from + i).padStart(2, '0')}`, name }));
  const calendar = buildWorkCalendar([
    {
      years: [2021],
      holidays: [...days('中秋节', 19, 21, '09'), ...days('国庆节', 1, 7)],
      workdays: [
        { date: '2021-09-18', name: '中秋节' },
        { date: '2021-09-26', name: '国庆节' },
        { date: '2021-10-09', name: '国庆节' },
      ],
    },
  ]);
  return { calendar, quietHours: quiet, timezone: TZ };
}

describe('allowedRunTime', () => {
  it('keeps the time of day to the millisecond when it moves a step past a break', () => {
    expect(show(allowedRunTime('close_round', local('2021-10-01T17:00:30.250'), rules()))).toBe('2021-10-08 17:00:30.250');
    expect(show(allowedRunTime('close_round', local('2021-10-08T17:00:30.250'), rules()))).toBe('2021-10-08 17:00:30.250');
  });

  it('holds the 成效报送 reminder to the quiet hours too, not the 成效报送 cards', () => {
    expect(show(allowedRunTime('results_remind', local('2021-06-08T21:30'), rules()))).toBe('2021-06-09 08:00:00.000');
    expect(show(allowedRunTime('results_cards', local('2021-06-08T21:30'), rules()))).toBe('2021-06-08 21:30:00.000');
    expect(show(allowedRunTime('open_round', local('2021-06-08T21:30'), rules()))).toBe('2021-06-08 21:30:00.000');
    expect(show(allowedRunTime('remind', local('2021-06-08T19:59'), rules()))).toBe('2021-06-08 19:59:00.000');
  });

  it('a reminder moved off a holiday into the quiet hours waits for their end, on a 调休 Saturday', () => {
    expect(show(allowedRunTime('remind', local('2021-10-07T21:00'), rules()))).toBe('2021-10-09 08:00:00.000');
    expect(show(allowedRunTime('remind', local('2021-10-07T21:00'), rules(null)))).toBe('2021-10-08 21:00:00.000');
  });

  it('gives up, naming the step, when no day is ever a working day', () => {
    const never: WorkCalendar = {
      kindOf: () => 'holiday',
      nameOf: () => '春节',
      isWorkingDay: () => false,
      covers: () => true,
      nextWorkingDay: (date) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!,
    };
    const at = new Date('2021-02-11T01:00:00.000Z');
    expect(() => allowedRunTime('digest', at, { ...rules(), calendar: never })).toThrow(new RangeError('no allowed time for digest after 2021-02-11T01:00:00.000Z'));
  });
});

describe('decideStep', () => {
  it('runs a step at its due time on a working day', () => {
    expect(decideStep('remind', local('2021-06-10T15:00'), local('2021-06-10T15:00'), rules())).toEqual({ action: 'run', dueAt: local('2021-06-10T15:00') });
    expect(decideStep('open_round', local('2021-09-26T09:00'), local('2021-09-26T09:00'), rules())).toEqual({ action: 'run', dueAt: local('2021-09-26T09:00') });
  });

  it('defers a reminder in the quiet hours of a working day as quiet, and one on a holiday as holiday', () => {
    expect(decideStep('remind', local('2021-06-08T21:30'), local('2021-06-08T21:30'), rules())).toEqual({
      action: 'defer',
      dueAt: local('2021-06-08T21:30'),
      until: local('2021-06-09T08:00'),
      why: 'quiet',
    });
    expect(decideStep('digest', local('2021-09-20T17:30'), local('2021-09-20T17:30'), rules())).toEqual({
      action: 'defer',
      dueAt: local('2021-09-20T17:30'),
      until: local('2021-09-22T17:30'),
      why: 'holiday',
    });
  });

  it('reads the day for why in the organisation’s timezone: early morning after a break is quiet, not holiday', () => {
    // 2021-10-08 07:00 in Shanghai is still 10-07, a holiday, in UTC
    expect(decideStep('remind', local('2021-10-08T07:00'), local('2021-10-08T07:00'), rules())).toEqual({
      action: 'defer',
      dueAt: local('2021-10-08T07:00'),
      until: local('2021-10-08T08:00'),
      why: 'quiet',
    });
  });

  it('drops an opening and both reminders moved into the next week; keeps the rest for their own week', () => {
    const due = local('2021-10-01T09:00');
    const moved = local('2021-10-08T09:00');
    for (const step of ['open_round', 'remind', 'results_remind'] as const) {
      expect(decideStep(step, due, due, rules()), step).toEqual({ action: 'skip', dueAt: due, movedTo: moved });
    }
    for (const step of ['close_round', 'digest', 'results_cards'] as const) {
      expect(decideStep(step, due, due, rules()), step).toEqual({ action: 'defer', dueAt: due, until: moved, why: 'holiday' });
    }
  });

  it('says which steps act on the week they run in', () => {
    const steps: CalendarStep[] = ['open_round', 'remind', 'close_round', 'digest', 'results_cards', 'results_remind'];
    expect(steps.filter(actsOnRunWeek)).toEqual(['open_round', 'remind', 'results_remind']);
  });
});

describe('planSteps', () => {
  it('gives each occurrence its run time: its own, the deferred one, or none when dropped', () => {
    const occurrences = [
      { step: 'open_round' as const, at: local('2021-10-01T09:00') },
      { step: 'close_round' as const, at: local('2021-10-01T17:00') },
      { step: 'digest' as const, at: local('2021-06-11T17:30') },
    ];
    expect(planSteps(occurrences, rules())).toEqual([
      { step: 'open_round', dueAt: local('2021-10-01T09:00'), runAt: null },
      { step: 'close_round', dueAt: local('2021-10-01T17:00'), runAt: local('2021-10-08T17:00') },
      { step: 'digest', dueAt: local('2021-06-11T17:30'), runAt: local('2021-06-11T17:30') },
    ]);
  });
});
