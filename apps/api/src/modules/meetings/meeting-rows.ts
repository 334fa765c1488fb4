import type { MeetingSummary } from '@casustafel/contracts';
import type { AgendaItem } from '@casustafel/domain';
import type { AgendaItemEntity, MeetingEntity } from './meeting.entities';

export const MINUTE_MS = 60_000;

/** The row of a meeting not yet started (in a series or on its own). */
export function plannedMeetingRow(
  fields: Pick<
    MeetingEntity,
    | 'teamId'
    | 'seriesId'
    | 'type'
    | 'startsAt'
    | 'durationMinutes'
    | 'chairId'
    | 'timekeeperId'
    | 'minuteTakerId'
  >,
  now: Date,
): Partial<MeetingEntity> {
  return {
    ...fields,
    published: false,
    status: 'gepland',
    liveState: null,
    seq: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** An occurrence's length in whole minutes. */
export const occurrenceMinutes = (occurrence: { start: Date; end: Date }): number =>
  Math.round((occurrence.end.getTime() - occurrence.start.getTime()) / MINUTE_MS);

/** The domain's agenda item of a row (with its order). */
export function toDomainItem(row: AgendaItemEntity & { order: number }): AgendaItem {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    presenterUserId: row.presenterId,
    timeBoxMinutes: row.timeBoxMinutes,
    order: row.order,
    status: row.status,
    preparationId: row.preparationId,
    carriedFromItemId: row.carriedFromItemId,
  };
}

/** The row of a domain agenda item. */
export function agendaRow(meetingId: string, item: AgendaItem): Partial<AgendaItemEntity> {
  return {
    id: item.id,
    meetingId,
    kind: item.kind,
    title: item.title,
    presenterId: item.presenterUserId,
    timeBoxMinutes: item.timeBoxMinutes,
    position: item.order,
    status: item.status,
    preparationId: item.preparationId,
    carriedFromItemId: item.carriedFromItemId,
  };
}

export function meetingSummary(m: MeetingEntity): MeetingSummary {
  return {
    id: m.id,
    teamId: m.teamId,
    seriesId: m.seriesId,
    type: m.type,
    startsAt: m.startsAt.toISOString(),
    endsAt: new Date(m.startsAt.getTime() + m.durationMinutes * MINUTE_MS).toISOString(),
    durationMinutes: m.durationMinutes,
    status: m.status,
    published: m.published,
  };
}
