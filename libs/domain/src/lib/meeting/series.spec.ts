import { describe, expect, it } from '@jest/globals';
import {
  instantToWallTime,
  localDateAt,
  meetingSeriesSchema,
  nextOccurrence,
  occurrences,
  parseSeriesRule,
  plannedOccurrences,
  SERIES_MAX_OCCURRENCES_PER_QUERY,
  wallTimeToInstant,
  type MeetingSeriesInput,
} from './series';

const TZ = 'Europe/Amsterdam';

function series(overrides: Partial<MeetingSeriesInput> = {}) {
  return meetingSeriesSchema.parse({
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    timeZone: TZ,
    start: '2026-03-03T09:30',
    durationMinutes: 90,
    ...overrides,
  });
}

function issues(input: unknown): string[] {
  const result = meetingSeriesSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
}

const iso = (d: Date) => d.toISOString();
const utc = (s: string) => new Date(s);

describe('time zone conversion', () => {
  it('maps Amsterdam wall time to UTC in winter and summer', () => {
    expect(iso(new Date(wallTimeToInstant(Date.UTC(2026, 0, 6, 9, 30), TZ)))).toBe(
      '2026-01-06T08:30:00.000Z',
    );
    expect(iso(new Date(wallTimeToInstant(Date.UTC(2026, 6, 7, 9, 30), TZ)))).toBe(
      '2026-07-07T07:30:00.000Z',
    );
    expect(iso(new Date(instantToWallTime(Date.parse('2026-07-07T07:30:00Z'), TZ)))).toBe(
      '2026-07-07T09:30:00.000Z',
    );
  });

  it('reads a nonexistent local time with the offset before the gap and an ambiguous one as the first', () => {
    // 29 March 2026 02:30 does not exist in Amsterdam (clocks jump 02:00 → 03:00).
    expect(iso(new Date(wallTimeToInstant(Date.UTC(2026, 2, 29, 2, 30), TZ)))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 25 October 2026 02:30 happens twice; the first is still CEST (+02:00).
    expect(iso(new Date(wallTimeToInstant(Date.UTC(2026, 9, 25, 2, 30), TZ)))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('gives the local date at an instant', () => {
    expect(localDateAt(utc('2026-03-30T22:30:00Z'), TZ)).toBe('2026-03-31');
    expect(localDateAt(utc('2026-03-30T21:30:00Z'), TZ)).toBe('2026-03-30');
  });
});

describe('occurrences', () => {
  it('keeps 09:30 local across the spring DST change (last Tuesday of March)', () => {
    const found = occurrences(series(), utc('2026-03-20T00:00:00Z'), utc('2026-04-08T00:00:00Z'));
    expect(found.map((o) => [o.key, iso(o.start), iso(o.end)])).toEqual([
      ['2026-03-24', '2026-03-24T08:30:00.000Z', '2026-03-24T10:00:00.000Z'],
      ['2026-03-31', '2026-03-31T07:30:00.000Z', '2026-03-31T09:00:00.000Z'],
      ['2026-04-07', '2026-04-07T07:30:00.000Z', '2026-04-07T09:00:00.000Z'],
    ]);
  });

  it('keeps 09:30 local across the autumn DST change (last Tuesday of October)', () => {
    const found = occurrences(series(), utc('2026-10-19T00:00:00Z'), utc('2026-11-01T00:00:00Z'));
    expect(found.map((o) => iso(o.start))).toEqual([
      '2026-10-20T07:30:00.000Z',
      '2026-10-27T08:30:00.000Z',
    ]);
  });

  it('leaves out exdates (school holidays) and puts moved meetings at their new time', () => {
    const s = series({
      exdates: ['2026-10-13', '2026-10-20'],
      moved: [{ original: '2026-10-27', start: '2026-10-28T13:00', durationMinutes: 60 }],
    });
    const found = occurrences(s, utc('2026-10-01T00:00:00Z'), utc('2026-11-05T00:00:00Z'));
    expect(found.map((o) => [o.key, iso(o.start), iso(o.end), o.moved])).toEqual([
      ['2026-10-06', '2026-10-06T07:30:00.000Z', '2026-10-06T09:00:00.000Z', false],
      ['2026-10-27', '2026-10-28T12:00:00.000Z', '2026-10-28T13:00:00.000Z', true],
      ['2026-11-03', '2026-11-03T08:30:00.000Z', '2026-11-03T10:00:00.000Z', false],
    ]);
  });

  it('includes a moved meeting by its new time, not its original one', () => {
    const s = series({ moved: [{ original: '2026-04-07', start: '2026-04-02T09:30' }] });
    const march = occurrences(s, utc('2026-03-30T00:00:00Z'), utc('2026-04-03T00:00:00Z'));
    expect(march.map((o) => o.key)).toEqual(['2026-03-31', '2026-04-07']);
    const april = occurrences(s, utc('2026-04-03T00:00:00Z'), utc('2026-04-10T00:00:00Z'));
    expect(april).toEqual([]);
  });

  it('uses a half-open window [from, to)', () => {
    const start = utc('2026-03-24T08:30:00Z');
    expect(occurrences(series(), start, utc('2026-03-24T08:30:01Z'))).toHaveLength(1);
    expect(occurrences(series(), utc('2026-03-23T00:00:00Z'), start)).toHaveLength(0);
    expect(occurrences(series(), start, start)).toEqual([]);
  });

  it('counts COUNT before exdates and stops at UNTIL (a date includes that day)', () => {
    const counted = series({ rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3', exdates: ['2026-03-10'] });
    expect(
      occurrences(counted, utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z')).map(
        (o) => o.key,
      ),
    ).toEqual(['2026-03-03', '2026-03-17']);
    const until = series({ rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20260317' });
    expect(
      occurrences(until, utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z')).map(
        (o) => o.key,
      ),
    ).toEqual(['2026-03-03', '2026-03-10', '2026-03-17']);
  });

  it('supports fortnightly, monthly by ordinal weekday and daily on weekdays', () => {
    const window = [utc('2026-03-01T00:00:00Z'), utc('2026-05-01T00:00:00Z')] as const;
    expect(
      occurrences(series({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU' }), ...window).map(
        (o) => o.key,
      ),
    ).toEqual(['2026-03-03', '2026-03-17', '2026-03-31', '2026-04-14', '2026-04-28']);
    expect(
      occurrences(
        series({ rrule: 'FREQ=MONTHLY;BYDAY=-1TU', start: '2026-03-31T09:30' }),
        ...window,
      ).map((o) => o.key),
    ).toEqual(['2026-03-31', '2026-04-28']);
    const daily = series({ rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', start: '2026-03-02T08:45' });
    expect(
      occurrences(daily, utc('2026-03-01T00:00:00Z'), utc('2026-03-09T00:00:00Z')).map(
        (o) => o.key,
      ),
    ).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
  });

  it('caps a query at SERIES_MAX_OCCURRENCES_PER_QUERY', () => {
    const daily = series({ rrule: 'FREQ=DAILY', start: '2026-01-01T09:00' });
    expect(
      occurrences(daily, utc('2026-01-01T00:00:00Z'), utc('2036-01-01T00:00:00Z')),
    ).toHaveLength(SERIES_MAX_OCCURRENCES_PER_QUERY);
  });

  it('throws for a series that was not validated', () => {
    const bad = { ...series(), rrule: 'FREQ=YEARLY' };
    expect(() =>
      occurrences(bad, utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z')),
    ).toThrow(RangeError);
  });
});

describe('nextOccurrence', () => {
  it('returns the first meeting strictly after the given instant', () => {
    const s = series();
    expect(iso(nextOccurrence(s, utc('2026-03-26T12:00:00Z'))?.start as Date)).toBe(
      '2026-03-31T07:30:00.000Z',
    );
    // Exactly at a start: the next one.
    expect(nextOccurrence(s, utc('2026-03-31T07:30:00Z'))?.key).toBe('2026-04-07');
    // Before the series starts: the first meeting.
    expect(nextOccurrence(s, utc('2020-01-01T00:00:00Z'))?.key).toBe('2026-03-03');
  });

  it('skips exdates, honours moves and returns null after the series ended', () => {
    const s = series({
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
      exdates: ['2026-03-10'],
      moved: [{ original: '2026-03-17', start: '2026-03-16T09:30' }],
    });
    expect(nextOccurrence(s, utc('2026-03-04T00:00:00Z'))).toMatchObject({
      key: '2026-03-17',
      moved: true,
      start: utc('2026-03-16T08:30:00Z'),
    });
    expect(nextOccurrence(s, utc('2026-03-17T00:00:00Z'))?.key).toBe('2026-03-24');
    expect(nextOccurrence(s, utc('2026-03-25T00:00:00Z'))).toBeNull();
  });

  it('finds a meeting more than a year ahead', () => {
    const s = series({ rrule: 'FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=3', start: '2026-03-03T09:30' });
    expect(nextOccurrence(s, utc('2026-03-04T00:00:00Z'))?.key).toBe('2027-03-03');
  });
});

describe('plannedOccurrences', () => {
  const EIGHT_WEEKS = 8 * 7 * 86_400_000;

  it('makes every meeting of a counted series, however far apart (four asked, four made)', () => {
    const s = series({ rrule: 'FREQ=WEEKLY;INTERVAL=4;BYDAY=TU;COUNT=4' });
    const { occurrences: made, past } = plannedOccurrences(
      s,
      utc('2026-03-02T09:00:00Z'),
      EIGHT_WEEKS,
    );
    expect(made.map((o) => o.key)).toEqual([
      '2026-03-03',
      '2026-03-31',
      '2026-04-28',
      '2026-05-26',
    ]);
    expect(past).toBe(0);
  });

  it('makes the first meeting too when it starts the next morning', () => {
    const s = series({ rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' });
    const made = plannedOccurrences(s, utc('2026-03-02T23:59:00Z'), EIGHT_WEEKS).occurrences;
    expect(made).toHaveLength(4);
    expect(made[0]?.key).toBe('2026-03-03');
  });

  it('plans an open-ended series within the horizon and counts meetings already past', () => {
    const s = series();
    const result = plannedOccurrences(s, utc('2026-03-11T00:00:00Z'), EIGHT_WEEKS);
    expect(result.occurrences).toHaveLength(8);
    expect(result.past).toBe(2);
  });
});

describe('parseSeriesRule', () => {
  it('parses the allowed subset', () => {
    expect(parseSeriesRule('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO')).toEqual({
      ok: true,
      rule: {
        freq: 'WEEKLY',
        interval: 2,
        byDay: [
          { weekday: 1, n: null },
          { weekday: 3, n: null },
        ],
        byMonthDay: [],
        count: null,
        until: null,
        wkst: 0,
      },
    });
  });

  it.each([
    ['', 'syntax'],
    ['FREQ=WEEKLY;;BYDAY=TU', 'syntax'],
    ['FREQ=WEEKLY;BYDAY=TU;X-FOO=1', 'syntax'],
    ['FREQ=WEEKLY;BYHOUR=9', 'unknown-property'],
    ['FREQ=WEEKLY;BYSETPOS=1', 'unknown-property'],
    ['FREQ=WEEKLY;FREQ=DAILY', 'duplicate-property'],
    ['BYDAY=TU', 'freq-required'],
    ['FREQ=YEARLY', 'freq-not-allowed'],
    ['FREQ=HOURLY', 'freq-not-allowed'],
    ['FREQ=WEEKLY;INTERVAL=0', 'interval-out-of-range'],
    ['FREQ=WEEKLY;INTERVAL=13', 'interval-out-of-range'],
    ['FREQ=DAILY;INTERVAL=32', 'interval-out-of-range'],
    ['FREQ=WEEKLY;INTERVAL=-1', 'interval-out-of-range'],
    ['FREQ=WEEKLY;BYDAY=XX', 'byday-invalid'],
    ['FREQ=WEEKLY;BYDAY=2TU', 'byday-invalid'],
    ['FREQ=WEEKLY;BYDAY=TU,TU', 'byday-invalid'],
    ['FREQ=MONTHLY;BYDAY=6TU', 'byday-invalid'],
    ['FREQ=MONTHLY;BYDAY=0TU', 'byday-invalid'],
    ['FREQ=WEEKLY;BYMONTHDAY=3', 'bymonthday-invalid'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'bymonthday-invalid'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'bymonthday-invalid'],
    ['FREQ=WEEKLY;COUNT=521', 'count-out-of-range'],
    ['FREQ=WEEKLY;COUNT=0', 'count-out-of-range'],
    ['FREQ=WEEKLY;UNTIL=20261301', 'until-invalid'],
    ['FREQ=WEEKLY;UNTIL=2026', 'until-invalid'],
    ['FREQ=WEEKLY;COUNT=5;UNTIL=20261231', 'count-and-until'],
    ['FREQ=WEEKLY;WKST=XX', 'wkst-invalid'],
  ])('refuses %j with %s', (text, error) => {
    expect(parseSeriesRule(text)).toEqual({ ok: false, error });
  });

  it('accepts the boundaries', () => {
    expect(parseSeriesRule('FREQ=WEEKLY;COUNT=520').ok).toBe(true);
    expect(parseSeriesRule('FREQ=WEEKLY;INTERVAL=12').ok).toBe(true);
    expect(parseSeriesRule('FREQ=MONTHLY;BYDAY=-1FR').ok).toBe(true);
    expect(parseSeriesRule('FREQ=MONTHLY;BYMONTHDAY=-1').ok).toBe(true);
    expect(parseSeriesRule('FREQ=WEEKLY;UNTIL=20261231T235959Z').ok).toBe(true);
  });
});

describe('meetingSeriesSchema', () => {
  const base = {
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    start: '2026-03-03T09:30',
    durationMinutes: 90,
  };

  it('defaults the time zone to Europe/Amsterdam and the exceptions to empty', () => {
    expect(meetingSeriesSchema.parse(base)).toEqual({
      ...base,
      timeZone: 'Europe/Amsterdam',
      exdates: [],
      moved: [],
    });
  });

  it('bounds the duration to 15–480 minutes', () => {
    expect(issues({ ...base, durationMinutes: 14 })).toHaveLength(1);
    expect(issues({ ...base, durationMinutes: 481 })).toHaveLength(1);
    expect(issues({ ...base, durationMinutes: 30.5 })).toHaveLength(1);
    expect(issues({ ...base, durationMinutes: 15 })).toEqual([]);
    expect(issues({ ...base, durationMinutes: 480 })).toEqual([]);
  });

  it('reports rule errors on rrule', () => {
    expect(issues({ ...base, rrule: 'FREQ=WEEKLY;COUNT=1000' })).toEqual([
      'rrule:count-out-of-range',
    ]);
    expect(issues({ ...base, rrule: 'FREQ=SECONDLY' })).toEqual(['rrule:freq-not-allowed']);
  });

  it('refuses a bad time zone, dates and unknown fields', () => {
    expect(issues({ ...base, timeZone: 'Europe/Nowhere' })).toEqual(['timeZone:invalid-time-zone']);
    expect(issues({ ...base, start: '2026-02-30T09:30' })).toEqual(['start:invalid-date-time']);
    expect(issues({ ...base, start: '2026-03-03 09:30' })).toEqual(['start:invalid-date-time']);
    expect(issues({ ...base, exdates: ['2026-13-01'] })).toEqual(['exdates.0:invalid-date']);
    expect(issues({ ...base, extra: 1 })).toHaveLength(1);
  });

  it('requires the start to be an occurrence of the rule', () => {
    expect(issues({ ...base, start: '2026-03-04T09:30' })).toEqual([
      'start:start-not-an-occurrence',
    ]);
  });

  it('requires a moved occurrence to be a real, not cancelled, unique occurrence', () => {
    expect(
      issues({ ...base, moved: [{ original: '2026-03-11', start: '2026-03-12T09:30' }] }),
    ).toEqual(['moved.0.original:not-an-occurrence']);
    expect(
      issues({
        ...base,
        exdates: ['2026-03-10'],
        moved: [{ original: '2026-03-10', start: '2026-03-12T09:30' }],
      }),
    ).toEqual(['moved.0.original:cancelled']);
    expect(
      issues({
        ...base,
        moved: [
          { original: '2026-03-10', start: '2026-03-12T09:30' },
          { original: '2026-03-10', start: '2026-03-13T09:30' },
        ],
      }),
    ).toEqual(['moved.1.original:duplicate']);
    expect(
      issues({
        ...base,
        moved: [{ original: '2026-03-10', start: '2026-03-12T09:30', durationMinutes: 10 }],
      }),
    ).toHaveLength(1);
  });

  it('bounds the number of exceptions', () => {
    const many = Array.from({ length: 521 }, () => '2026-03-10');
    expect(issues({ ...base, exdates: many })).toHaveLength(1);
  });
});
