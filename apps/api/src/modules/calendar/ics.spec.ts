import { describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { meetingSeriesSchema, occurrences } from '@casustafel/domain';
import { feedIcs, meetingIcs, seriesIcs } from './ics';

const url = new URL('https://casustafel.voorbeeldstad.example');
const stamp = new Date('2026-03-01T12:00:00Z');

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  const tz = component.getFirstSubcomponent('vtimezone');
  if (tz) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return component;
}

describe('ics', () => {
  it('one meeting parses back with its instant, in Europe/Amsterdam with a VTIMEZONE', () => {
    const text = meetingIcs(
      {
        id: '6f1c1f5e-0000-4000-8000-000000000001',
        teamName: 'Wijkteam Oost',
        startsAt: new Date('2026-03-03T08:30:00Z'),
        durationMinutes: 90,
        status: 'gepland',
        updatedAt: stamp,
      },
      url,
      stamp,
    );
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20260303T093000');
    const event = new ICAL.Event(parse(text).getFirstSubcomponent('vevent') ?? undefined);
    expect(event.summary).toBe('Casuïstiekoverleg Wijkteam Oost');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-03T08:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-03T10:00:00.000Z');
  });

  it('a weekly series keeps 09:30 local across the DST change, with EXDATEs and a moved meeting', () => {
    const schedule = meetingSeriesSchema.parse({
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
      timeZone: 'Europe/Amsterdam',
      start: '2026-03-17T09:30',
      durationMinutes: 90,
      exdates: ['2026-03-31'],
      moved: [{ original: '2026-04-07', start: '2026-04-08T13:00' }],
    });
    const text = seriesIcs(
      {
        id: '6f1c1f5e-0000-4000-8000-000000000002',
        teamName: 'Wijkteam Oost',
        schedule,
        createdAt: stamp,
      },
      url,
      stamp,
    );
    expect(text).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6');
    const root = parse(text);
    const [master, exception] = root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    if (!master || !exception) throw new Error('two events expected');
    master.relateException(exception);
    const iterator = master.iterator();
    const starts: string[] = [];
    for (let next = iterator.next(), n = 0; next && n < 20; next = iterator.next(), n++) {
      starts.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
    }
    // The domain's own expansion of the same series: the calendar must agree with it.
    const planned = occurrences(
      schedule,
      new Date('2026-01-01T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    ).map((o) => o.start.toISOString());
    expect(starts).toEqual(planned);
    expect(starts).toEqual([
      '2026-03-17T08:30:00.000Z', // CET, UTC+1
      '2026-03-24T08:30:00.000Z',
      // 31 March cancelled; summer time (UTC+2) from 29 March: 09:30 is 07:30Z
      '2026-04-08T11:00:00.000Z', // 7 April moved to Wednesday 13:00
      '2026-04-14T07:30:00.000Z',
      '2026-04-21T07:30:00.000Z',
    ]);
  });

  it('a feed holds one event per meeting and nothing but team names and times', () => {
    const text = feedIcs(
      // Summer time ends on 25 October 2026: 08:30Z is 10:30 before, 09:30 after.
      ['2026-10-24', '2026-10-26'].map((day, n) => ({
        id: `6f1c1f5e-0000-4000-8000-00000000000${n}`,
        teamName: 'Wijkteam Oost',
        startsAt: new Date(`${day}T08:30:00Z`),
        durationMinutes: 60,
        status: 'gepland' as const,
        updatedAt: stamp,
      })),
      url,
      stamp,
    );
    expect(parse(text).getAllSubcomponents('vevent')).toHaveLength(2);
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20261024T103000');
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20261026T093000');
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
  });
});
