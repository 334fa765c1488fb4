import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ActionEntity, DecisionEntity } from '../meeting-records/meeting-records.entities';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { NotificationEntity } from '../notifications/notification.entities';
import {
  LAST_MEETING_ACTIONS,
  NEXT_MEETING_ANNOUNCEMENT,
  YILMAZ,
  YILMAZ_ACTIONS,
  YILMAZ_DECISION,
} from './demo-data';

/**
 * A past meeting discussed the Yılmaz case: a decision and two actions (one done). The family
 * has a link to their plan (FamilyDemoService prints a fresh code at every start).
 */
export async function seedDemoPastMeeting(
  manager: EntityManager,
  {
    noord,
    user,
    preparationId,
    now,
  }: { noord: string; user: (name: string) => string; preparationId: string; now: Date },
): Promise<void> {
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const date = (n: number) => daysAgo(n).toISOString().slice(0, 10);
  const meetingAt = daysAgo(14);
  const pastMeeting = await manager.save(
    manager.create(MeetingEntity, {
      teamId: noord,
      seriesId: null,
      type: 'casuistiekoverleg',
      startsAt: meetingAt,
      durationMinutes: 90,
      chairId: user('fatima'),
      timekeeperId: null,
      minuteTakerId: null,
      published: true,
      status: 'afgesloten',
      liveState: null,
      seq: 0,
      createdAt: daysAgo(21),
      updatedAt: meetingAt,
    }),
  );
  const item = await manager.save(
    manager.create(AgendaItemEntity, {
      meetingId: pastMeeting.id,
      kind: 'casusbespreking',
      title: YILMAZ.label,
      presenterId: user('jeroen'),
      timeBoxMinutes: 20,
      position: 0,
      status: 'besproken',
      preparationId,
      carriedFromItemId: null,
      consentJustification: null,
      consentJustifiedBy: null,
      consentJustifiedAt: null,
    }),
  );
  const decision = await manager.save(
    manager.create(DecisionEntity, {
      meetingId: pastMeeting.id,
      agendaItemId: item.id,
      commandId: randomUUID(),
      ...YILMAZ_DECISION,
      decidedById: user('fatima'),
      recordedById: user('fatima'),
      decidedAt: new Date(meetingAt.getTime() + 30 * 60_000),
    }),
  );
  for (const [text, owner, dueIn, status] of YILMAZ_ACTIONS)
    await manager.save(
      manager.create(ActionEntity, {
        meetingId: pastMeeting.id,
        teamId: noord,
        agendaItemId: item.id,
        decisionId: decision.id,
        commandId: randomUUID(),
        description: text,
        ownerId: user(owner),
        due: date(-dueIn),
        status,
        createdById: user('fatima'),
        createdAt: new Date(meetingAt.getTime() + 35 * 60_000),
        updatedAt: status === 'gereed' ? daysAgo(3) : new Date(meetingAt.getTime() + 35 * 60_000),
      }),
    );
}

/**
 * Wijkteam Noord's meetings: last week's (closed; its actions still open, one overdue) and one
 * this week (published, with roles), whose agenda opens with the follow-up of those actions,
 * then the Jansen case (its preparation in the room) and an announcement.
 */
export async function seedDemoMeetings(
  manager: EntityManager,
  noord: string,
  user: (name: string) => string,
  preparationId: string,
  now: Date,
): Promise<string> {
  const day = 86_400_000;
  /** 09:30 in Amsterdam (08:30 UTC in winter, 07:30 in summer, near enough for a demo). */
  const morning = (daysFromNow: number) => {
    const d = new Date(now.getTime() + daysFromNow * day);
    d.setUTCHours(8, 30, 0, 0);
    return d;
  };
  const date = (daysFromNow: number) =>
    new Date(now.getTime() + daysFromNow * day).toISOString().slice(0, 10);
  const meeting = (startsAt: Date, status: 'afgesloten' | 'gepland') =>
    manager.save(
      manager.create(MeetingEntity, {
        teamId: noord,
        seriesId: null,
        type: 'casuistiekoverleg',
        startsAt,
        durationMinutes: 90,
        chairId: user('fatima'),
        timekeeperId: user('priya'),
        minuteTakerId: user('sanne'),
        published: true,
        status,
        liveState: null,
        seq: 0,
        createdAt: new Date(startsAt.getTime() - 7 * day),
        updatedAt: new Date(startsAt.getTime() - day),
      }),
    );
  const item = (
    meetingId: string,
    position: number,
    fields: Partial<AgendaItemEntity> & Pick<AgendaItemEntity, 'kind'>,
  ) =>
    manager.save(
      manager.create(AgendaItemEntity, {
        meetingId,
        title: '',
        presenterId: user('fatima'),
        timeBoxMinutes: 10,
        position,
        status: 'gepland',
        preparationId: null,
        carriedFromItemId: null,
        consentJustification: null,
        consentJustifiedBy: null,
        consentJustifiedAt: null,
        ...fields,
      }),
    );

  const last = await meeting(morning(-7), 'afgesloten');
  const discussed = await item(last.id, 0, {
    kind: 'casusbespreking',
    presenterId: user('fatima'),
    timeBoxMinutes: 25,
    status: 'besproken',
    preparationId,
  });
  const action = (owner: string, description: string, due: string) =>
    manager.save(
      manager.create(ActionEntity, {
        meetingId: last.id,
        teamId: noord,
        agendaItemId: discussed.id,
        decisionId: null,
        commandId: randomUUID(),
        description,
        ownerId: user(owner),
        due,
        status: 'open',
        createdById: user('fatima'),
        createdAt: last.startsAt,
        updatedAt: last.startsAt,
      }),
    );
  for (const [owner, description, dueIn] of LAST_MEETING_ACTIONS)
    await action(owner, description, date(dueIn));

  const next = await meeting(morning(1), 'gepland');
  await item(next.id, 0, { kind: 'opvolging-acties', timeBoxMinutes: 10 });
  await item(next.id, 1, {
    kind: 'casusbespreking',
    presenterId: user('fatima'),
    timeBoxMinutes: 25,
    preparationId,
  });
  await item(next.id, 2, {
    kind: 'mededeling',
    title: NEXT_MEETING_ANNOUNCEMENT,
    presenterId: user('sanne'),
    timeBoxMinutes: 10,
  });
  return next.id;
}

/**
 * What the publication of Wijkteam Noord's next casuïstiekoverleg (seeded with the case file,
 * agenda published yesterday) notified: every member of the team has an unread "agenda
 * published" on the bell and on /meldingen, as a real publication would leave them.
 */
export async function seedDemoPublication(
  manager: EntityManager,
  team: (name: string) => string,
  meetingId: string,
  now: Date,
): Promise<void> {
  const publishedAt = new Date(now.getTime() - 86_400_000);
  const meeting = await manager.findOneByOrFail(MeetingEntity, { id: meetingId });
  const startsAt = meeting.startsAt;
  const members = (await manager.query(
    'SELECT "user_id" AS "userId" FROM "membership" WHERE "team_id" = $1',
    [team('Wijkteam Noord')],
  )) as { userId: string }[];
  for (const { userId } of members) {
    await manager.save(
      manager.create(NotificationEntity, {
        userId,
        kind: 'agenda-published',
        params: {
          meetingId: meeting.id,
          teamName: 'Wijkteam Noord',
          startsAt: startsAt.toISOString(),
        },
        dedupKey: `agenda-published:${meeting.id}`,
        createdAt: publishedAt,
        readAt: null,
        emailedAt: null,
      }),
    );
  }
}
