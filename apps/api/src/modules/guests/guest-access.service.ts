import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { GuestSessionView } from '@casustafel/contracts';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { LinkCodeSignIn } from '../auth/link-code';
import { PreparationEntity } from '../case-file/case.entity';
import { TeamEntity } from '../identity/team.entity';
import { MeetingsService } from '../meetings/meetings.service';
import { invitationEnded } from './guest-grounds';
import { GuestInvitationEntity } from './guest.entities';

/**
 * The guest's side: sign-in by link + one-time code, what the signed-in guest may read, and the
 * open invitations the room projects to each guest.
 */
@Injectable()
export class GuestAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly linkCode: LinkCodeSignIn,
    private readonly clock: Clock,
  ) {}

  /** Link token plus one-time code → a session limited to the invitation (ends at its expiry). */
  signIn(token: string, code: string, ip: string | null): Promise<{ token: string }> {
    return this.linkCode.signIn(
      {
        entity: GuestInvitationEntity,
        userOf: (invitation) => invitation.guestUserId,
        ended: (invitation) => invitationEnded(invitation, this.clock.now()),
        note: (invitation) =>
          RequestContext.note({ objectType: 'guest-invitation', objectId: invitation?.id ?? null }),
        issuer: 'the chair',
      },
      token,
      code,
      ip,
    );
  }

  /** What the signed-in guest may read: the meeting's times and only the invited items. */
  async session(actor: Actor): Promise<GuestSessionView> {
    const guest = actor.guest;
    if (!guest) throw forbidden('this invitation');
    RequestContext.note({ objectType: 'guest-invitation', objectId: guest.invitationId });
    const detail = await this.meetings.detailForGuest(actor, guest.meetingId);
    const team = await this.dataSource.manager.findOneByOrFail(TeamEntity, { id: detail.teamId });
    const invitation = await this.dataSource.manager.findOneByOrFail(GuestInvitationEntity, {
      id: guest.invitationId,
    });
    const prepIds = detail.agenda
      .map((item) => item.preparationId)
      .filter((id): id is string => id !== null);
    const preps =
      prepIds.length === 0
        ? []
        : await this.dataSource.manager.findBy(PreparationEntity, { id: In(prepIds) });
    const question = new Map(
      preps.map((p) => [p.id, typeof p.content['vraag'] === 'string' ? p.content['vraag'] : null]),
    );
    return {
      invitationId: invitation.id,
      name: invitation.name,
      discipline: invitation.discipline,
      expiresAt: invitation.expiresAt.toISOString(),
      meeting: {
        id: detail.id,
        teamName: team.name,
        startsAt: detail.startsAt,
        endsAt: detail.endsAt,
        status: detail.status,
      },
      items: detail.agenda.map((item) => ({
        id: item.id,
        kind: item.kind,
        title: item.title,
        timeBoxMinutes: item.timeBoxMinutes,
        plannedStart: item.plannedStart,
        plannedEnd: item.plannedEnd,
        status: item.status,
        question: item.preparationId ? (question.get(item.preparationId) ?? null) : null,
      })),
    };
  }

  /** Open invitations of a meeting with their items (to project the room to each guest). */
  async activeInvitations(meetingId: string): Promise<{ id: string; itemIds: string[] }[]> {
    const rows = (await this.dataSource.query(
      `SELECT i."id", gi."agenda_item_id"::text AS "item_id"
         FROM "guest_invitation" i
         JOIN "guest_invitation_item" gi ON gi."invitation_id" = i."id"
        WHERE i."meeting_id" = $1 AND i."revoked_at" IS NULL AND i."expires_at" > $2`,
      [meetingId, this.clock.now()],
    )) as { id: string; item_id: string }[];
    const byInvitation = new Map<string, string[]>();
    for (const row of rows)
      byInvitation.set(row.id, [...(byInvitation.get(row.id) ?? []), row.item_id]);
    return [...byInvitation].map(([id, itemIds]) => ({ id, itemIds }));
  }
}
