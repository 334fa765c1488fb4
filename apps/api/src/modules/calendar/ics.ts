import ical, { type ICalCalendar, ICalCalendarMethod } from 'ical-generator';
import { instantToWallTime, type MeetingSeries, wallTimeToInstant } from '@casustafel/domain';

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';
const PROD_ID = { company: 'Casustafel', product: 'Casustafel', language: 'NL' };
const UID_DOMAIN = 'casustafel';

/**
 * Europe/Amsterdam as RFC 5545 VTIMEZONE (the EU rules in force since 1996: CEST from the last
 * Sunday of March 02:00, CET from the last Sunday of October 03:00). Other zones get UTC times.
 */
const AMSTERDAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'X-LIC-LOCATION:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export const ICS_TIME_ZONE = 'Europe/Amsterdam';

/** What a calendar entry may show: the team's name and times; never an agenda item or a case. */
export interface IcsMeeting {
  id: string;
  teamName: string;
  startsAt: Date;
  durationMinutes: number;
  status: 'gepland' | 'live' | 'afgesloten';
  updatedAt: Date;
}

export interface IcsSeries {
  id: string;
  teamName: string;
  schedule: MeetingSeries;
  createdAt: Date;
}

export const meetingSummary = (teamName: string) => `Casuïstiekoverleg ${teamName}`;

/**
 * An instant that ical-generator writes as wall-clock time in the event's zone. ical-generator
 * formats a zoned native Date with the *process* time zone's getters; a date that offers
 * `withTimeZone` (the shape of @date-fns/tz's TZDate) is converted first. This is that shape,
 * backed by the domain's Intl-based conversion, so the output never depends on the process zone.
 */
class ZonedInstant extends Date {
  readonly internal: Date;

  constructor(ms: number) {
    super(ms);
    this.internal = new Date(ms);
  }

  tzComponents(): number[] {
    return [];
  }

  withTimeZone(timeZone?: string | null): Date {
    return timeZone ? new WallClock(this.getTime(), timeZone) : new Date(this.getTime());
  }
}

class WallClock extends ZonedInstant {
  private readonly wall: Date;

  constructor(ms: number, timeZone: string) {
    super(ms);
    this.wall = new Date(instantToWallTime(ms, timeZone));
  }
  override getFullYear(): number {
    return this.wall.getUTCFullYear();
  }
  override getMonth(): number {
    return this.wall.getUTCMonth();
  }
  override getDate(): number {
    return this.wall.getUTCDate();
  }
  override getHours(): number {
    return this.wall.getUTCHours();
  }
  override getMinutes(): number {
    return this.wall.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.wall.getUTCSeconds();
  }
}

const zoned = (instant: Date | number) =>
  new ZonedInstant(typeof instant === 'number' ? instant : instant.getTime());

function calendar(name: string, method: ICalCalendarMethod | null): ICalCalendar {
  return ical({
    name,
    prodId: PROD_ID,
    method: method ?? undefined,
    // No calendar-wide zone (DTSTAMP and the like stay UTC); each event names its own, and
    // the generator adds the VTIMEZONE of each zone used.
    timezone: {
      name: null,
      generator: (tz) => (tz === ICS_TIME_ZONE ? AMSTERDAM_VTIMEZONE : null),
    },
  });
}

function addMeeting(cal: ICalCalendar, meeting: IcsMeeting, url: URL, stamp: Date): void {
  cal.createEvent({
    id: `meeting-${meeting.id}@${UID_DOMAIN}`,
    start: zoned(meeting.startsAt),
    end: zoned(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000),
    timezone: ICS_TIME_ZONE,
    summary: meetingSummary(meeting.teamName),
    url: new URL(`/overleggen/${meeting.id}`, url).toString(),
    stamp,
    lastModified: meeting.updatedAt,
  });
}

/** One meeting, as an invitation (METHOD:PUBLISH: no attendees, no replies). */
export function meetingIcs(meeting: IcsMeeting, publicUrl: URL, stamp: Date): string {
  const cal = calendar(meetingSummary(meeting.teamName), ICalCalendarMethod.PUBLISH);
  addMeeting(cal, meeting, publicUrl, stamp);
  return cal.toString();
}

/** A user's feed: each of their meetings as its own event. */
export function feedIcs(meetings: IcsMeeting[], publicUrl: URL, stamp: Date): string {
  const cal = calendar('Casustafel', null);
  for (const meeting of meetings) addMeeting(cal, meeting, publicUrl, stamp);
  return cal.toString();
}

/** `YYYYMMDDTHHmmss` of a floating (wall-clock-as-UTC) timestamp. */
function localStamp(wall: number): string {
  return new Date(wall).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function parseLocal(dateTime: string): number {
  return Date.parse(`${dateTime.length === 10 ? `${dateTime}T00:00` : dateTime}:00Z`);
}

/**
 * A series as one recurring event: DTSTART in its zone, the series' own RRULE, an EXDATE for each
 * cancelled date, and each moved occurrence as an override with the same UID and a RECURRENCE-ID
 * naming the occurrence it replaces (RFC 5545 §3.8.4.4). The rule is the domain's
 * (`libs/domain` series.ts), so a calendar expands it to the very dates the api plans.
 */
export function seriesIcs(series: IcsSeries, publicUrl: URL, stamp: Date): string {
  const s = series.schedule;
  const tz = s.timeZone;
  const cal = calendar(meetingSummary(series.teamName), ICalCalendarMethod.PUBLISH);
  const startWall = parseLocal(s.start);
  const start = wallTimeToInstant(startWall, tz);
  const timeOfDay = s.start.slice(10); // `THH:mm`
  const uid = `series-${series.id}@${UID_DOMAIN}`;
  const excluded = s.exdates;
  const zonedTz = tz === ICS_TIME_ZONE;
  const exStamp = (date: string) => {
    const wall = parseLocal(`${date}${timeOfDay}`);
    return zonedTz ? localStamp(wall) : `${localStamp(wallTimeToInstant(wall, tz))}Z`;
  };
  const exdate =
    excluded.length === 0
      ? ''
      : `\nEXDATE${zonedTz ? `;TZID=${tz}` : ''}:${excluded.map(exStamp).join(',')}`;
  const url = new URL('/', publicUrl).toString();
  cal.createEvent({
    id: uid,
    start: zonedTz ? zoned(start) : new Date(start),
    end: zonedTz
      ? zoned(start + s.durationMinutes * 60_000)
      : new Date(start + s.durationMinutes * 60_000),
    timezone: zonedTz ? tz : null,
    summary: meetingSummary(series.teamName),
    repeating: `RRULE:${s.rrule}${exdate}`,
    url,
    stamp,
    created: series.createdAt,
  });
  for (const moved of s.moved) {
    const movedStart = wallTimeToInstant(parseLocal(moved.start), tz);
    const movedEnd = movedStart + (moved.durationMinutes ?? s.durationMinutes) * 60_000;
    const original = wallTimeToInstant(parseLocal(`${moved.original}${timeOfDay}`), tz);
    cal.createEvent({
      id: uid,
      recurrenceId: zonedTz ? zoned(original) : new Date(original),
      start: zonedTz ? zoned(movedStart) : new Date(movedStart),
      end: zonedTz ? zoned(movedEnd) : new Date(movedEnd),
      timezone: zonedTz ? tz : null,
      summary: meetingSummary(series.teamName),
      url,
      stamp,
    });
  }
  return cal.toString();
}

/** The wall-clock time of `instant` in Europe/Amsterdam as `YYYYMMDDTHHmmss` (tests, templates). */
export function amsterdamStamp(instant: Date): string {
  return localStamp(instantToWallTime(instant.getTime(), ICS_TIME_ZONE));
}
