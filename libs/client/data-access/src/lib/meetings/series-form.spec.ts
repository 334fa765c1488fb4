import { describe, expect, it } from '@jest/globals';
import { meetingSeriesSchema, parseSeriesRule } from '@casustafel/domain';
import { firstOnWeekday, seriesFromForm, weeklyRrule } from './series-form';

describe('series form → RRULE', () => {
  it('starts a week later when the first meeting would be earlier today, so four stay four', () => {
    const form = {
      weekday: 'MO',
      intervalWeeks: 1,
      time: '09:30',
      durationMinutes: 90,
      fromDate: '2026-12-07',
      count: 4,
    } as const;
    expect(seriesFromForm(form, new Date('2026-12-07T11:00')).start).toBe('2026-12-14T09:30');
    expect(seriesFromForm(form, new Date('2026-12-07T08:00')).start).toBe('2026-12-07T09:30');
  });

  it('builds "elke dinsdag 9:30, 90 minuten" as a weekly rule starting on the first Tuesday', () => {
    // 2026-12-02 is a Wednesday: the first Tuesday on or after it is 2026-12-08.
    const series = seriesFromForm({
      weekday: 'TU',
      intervalWeeks: 1,
      time: '9:30',
      durationMinutes: 90,
      fromDate: '2026-12-02',
      count: null,
    });
    expect(series).toEqual({
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      timeZone: 'Europe/Amsterdam',
      start: '2026-12-08T09:30',
      durationMinutes: 90,
      exdates: [],
      moved: [],
    });
    expect(meetingSeriesSchema.safeParse(series).success).toBe(true);
  });

  it('adds INTERVAL and COUNT, and the domain accepts the rule', () => {
    const rrule = weeklyRrule({ weekday: 'TH', intervalWeeks: 2, count: 10 });
    expect(rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=10');
    expect(parseSeriesRule(rrule).ok).toBe(true);
  });

  it('keeps a start date that is already on the weekday', () => {
    expect(firstOnWeekday('2026-12-08', 'TU')).toBe('2026-12-08');
    expect(firstOnWeekday('2026-12-09', 'MO')).toBe('2026-12-14');
    expect(firstOnWeekday('2026-12-31', 'SU')).toBe('2027-01-03');
  });
});
