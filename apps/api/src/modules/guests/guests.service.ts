import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type GuestInvitationCreated, type GuestInvitationView } from '@casustafel/contracts';
import type { z } from 'zod';
import type { inviteGuestSchema } from '@casustafel/contracts';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, forbidden, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import {
  LinkCodeSignIn,
  createLinkCodeUser,
  renewLinkCode,
  saveLinkCodeInvitation,
} from '../auth/link-code';
import { SessionService } from '../auth/session.service';
import { TeamEntity } from '../identity/team.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MEETING_PURPOSE, MeetingsService } from '../meetings/meetings.service';
import { guestGrounds, invitationStatus } from './guest-grounds';
import { GuestMailer } from './guest-mailer';
import { GuestInvitationEntity, GuestInvitationItemEntity } from './guest.entities';

type InviteInput = z.output<typeof inviteGuestSchema>;

export { coversGuest } from './guest-grounds';

/**
 * Remote specialists, the inviter's side: invitations per agenda item (checked against the
 * consent ledger), one-time codes (e-mailed when mail is configured, else shown to the inviter
 * once), revocation (ends the guest's sessions, which disconnects their sockets) and expiry (the
 * session cannot outlive the invitation; the session sweeper disconnects at expiry). The guest's
 * own side is GuestAccessService.
 */
@Injectable()
export class GuestsService implements OnModuleInit, OnModuleDestroy {
  private cancelSubscription: { unsubscribe(): void } | null = null;

  private readonly logger = new Logger(GuestsService.name);
  /** Committed invitations (notifications listen). */
  readonly invited$ = new Subject<{ meetingId: string; guestUserId: string }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly sessions: SessionService,
    private readonly linkCode: LinkCodeSignIn,
    private readonly mailer: GuestMailer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A cancelled meeting's guests (their invitations revoked with it) lose their sessions at once. */
  onModuleInit(): void {
    this.cancelSubscription = this.meetings.cancelled$.subscribe((e) => {
      for (const userId of e.guestUserIds) {
        this.sessions
          .endAllForUser(userId, 'guest-revoked')
          .catch((error: unknown) =>
            this.logger.error({ err: error }, 'Ending a cancelled meeting guest session failed'),
          );
      }
    });
  }

  onModuleDestroy(): void {
    this.cancelSubscription?.unsubscribe();
  }

  /** The meeting, if the actor may manage its guests: its chair, or a chair/team leader of the team. */
  private async managedMeeting(
    actor: Actor,
    meetingId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MeetingEntity> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: MEETING_PURPOSE });
    const meeting = await manager.findOneBy(MeetingEntity, { id: meetingId });
    if (!meeting) throw forbidden('the guests of this meeting');
    RequestContext.note({ context: { teamId: meeting.teamId, meetingId } });
    const roles = actor.teams.get(meeting.teamId) ?? [];
    const may =
      !actor.guest &&
      (meeting.chairId === actor.userId ||
        roles.includes('chair') ||
        roles.includes('team_leader'));
    if (!may) throw forbidden('the guests of this meeting');
    return meeting;
  }

  async invite(
    actor: Actor,
    meetingId: string,
    input: InviteInput,
  ): Promise<GuestInvitationCreated> {
    const now = this.clock.now();
    const { invitation, token, code } = await this.dataSource.manager.transaction(async (tx) => {
      const meeting = await this.managedMeeting(actor, meetingId, tx);
      if (meeting.status === 'afgesloten' || meeting.status === 'geannuleerd')
        throw conflict(`meeting-${meeting.status}`);
      const items = await tx.findBy(AgendaItemEntity, { id: In(input.itemIds), meetingId });
      const byId = new Map(items.map((item) => [item.id, item]));
      const missing = input.itemIds.findIndex((id) => !byId.has(id));
      if (missing >= 0)
        throw new DomainError('VALIDATION_FAILED', 'Not an item of this meeting', [
          { path: `itemIds.${missing}`, issue: 'unknown-item' },
        ]);
      const ordered = input.itemIds
        .map((id) => byId.get(id))
        .filter((item): item is AgendaItemEntity => item !== undefined);
      const grounds = await guestGrounds(tx, input, ordered, meeting, now);
      const uncovered = grounds.flatMap((g, index) => (g.basis === null ? [index] : []));
      if (uncovered.length > 0 && input.justification === null)
        throw new DomainError(
          'CONFLICT',
          'Consent or a legal basis does not cover this specialist; record a justification',
          uncovered.map((index) => ({ path: `itemIds.${index}`, issue: 'consent-missing' })),
        );
      const endsAt = meeting.startsAt.getTime() + meeting.durationMinutes * 60_000;
      const expiresAt = new Date(endsAt + this.config.guestGraceMinutes * 60_000);
      if (expiresAt.getTime() <= now.getTime()) throw conflict('meeting-over');
      const guestUser = await createLinkCodeUser(tx, {
        organisationId: actor.organisationId,
        displayName: input.name,
        discipline: input.discipline,
        kind: 'guest',
      });
      const { row, token, code } = await saveLinkCodeInvitation(tx, GuestInvitationEntity, {
        organisationId: actor.organisationId,
        meetingId,
        guestUserId: guestUser.id,
        name: input.name,
        email: input.email,
        discipline: input.discipline,
        organisationName: input.organisationName,
        justification: uncovered.length > 0 ? input.justification : null,
        delivery: this.config.mail ? 'e-mail' : 'uitnodiger',
        expiresAt,
        revokedAt: null,
        revokedBy: null,
        invitedBy: actor.userId,
        createdAt: now,
      });
      await tx.insert(
        GuestInvitationItemEntity,
        grounds.map((g) => ({
          invitationId: row.id,
          agendaItemId: g.itemId,
          basis: g.basis ?? 'motivering',
          consentId: g.consentId,
        })),
      );
      RequestContext.note({
        objectType: 'guest-invitation',
        objectId: row.id,
        clientId: grounds.find((g) => g.householdId)?.householdId ?? null,
        // The consent (ledger entry) relied on, or `motivering` when the chair justified it.
        legalBasis:
          uncovered.length > 0
            ? 'motivering'
            : (grounds.find((g) => g.consentId)?.consentId ?? null),
        context: {
          teamId: meeting.teamId,
          meetingId,
          ...Object.fromEntries(grounds.slice(0, 6).map((g, i) => [`item${i + 1}`, g.itemId])),
        },
      });
      return { invitation: row, token, code };
    });
    this.invited$.next({ meetingId, guestUserId: invitation.guestUserId });
    return this.delivered(invitation, token, code);
  }

  /** A new one-time code (the old one stops working); unlocks an invitation locked by wrong codes. */
  async newCode(
    actor: Actor,
    meetingId: string,
    invitationId: string,
  ): Promise<GuestInvitationCreated> {
    const invitation = await this.managedInvitation(actor, meetingId, invitationId);
    const status = invitationStatus(invitation, this.clock.now());
    if (status === 'ingetrokken' || status === 'verlopen')
      throw new DomainError('GUEST_ACCESS_ENDED', 'This invitation was revoked or has expired');
    // A new link too: the old link and code stop working together.
    const { token, code } = await renewLinkCode(
      this.dataSource.manager,
      GuestInvitationEntity,
      invitation,
    );
    return this.delivered(invitation, token, code);
  }

  /** Sends the code by e-mail when mail is configured; otherwise returns it to show once. */
  private async delivered(
    invitation: GuestInvitationEntity,
    token: string,
    code: string,
  ): Promise<GuestInvitationCreated> {
    const link = new URL(`/gast#${token}`, this.config.publicUrl).toString();
    let shown: string | null = code;
    if (this.config.mail) {
      const meeting = await this.dataSource.manager.findOneByOrFail(MeetingEntity, {
        id: invitation.meetingId,
      });
      const team = await this.dataSource.manager.findOneByOrFail(TeamEntity, {
        id: meeting.teamId,
      });
      await this.mailer.sendCode({
        to: invitation.email,
        name: invitation.name,
        teamName: team.name,
        startsAt: meeting.startsAt,
        code,
      });
      shown = null;
    }
    return { invitation: await this.view(invitation), link, code: shown };
  }

  async list(actor: Actor, meetingId: string): Promise<GuestInvitationView[]> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: MEETING_PURPOSE });
    // Every member of the meeting's team may see who is invited (not only the chair).
    await this.meetings.assertReadable(actor, meetingId);
    const rows = await this.dataSource.manager.find(GuestInvitationEntity, {
      where: { meetingId },
      order: { createdAt: 'ASC' },
    });
    if (rows.length === 0) return [];
    const items = await this.dataSource.manager.findBy(GuestInvitationItemEntity, {
      invitationId: In(rows.map((row) => row.id)),
    });
    return rows.map((row) =>
      this.toView(
        row,
        items.filter((item) => item.invitationId === row.id),
      ),
    );
  }

  async revoke(
    actor: Actor,
    meetingId: string,
    invitationId: string,
  ): Promise<GuestInvitationView> {
    const invitation = await this.managedInvitation(actor, meetingId, invitationId);
    await this.linkCode.revoke(
      GuestInvitationEntity,
      invitation,
      invitation.guestUserId,
      actor.userId,
    );
    return this.view(invitation);
  }

  /** An invitation to a meeting the caller manages (noted for the audit trail), or not found. */
  private async managedInvitation(
    actor: Actor,
    meetingId: string,
    invitationId: string,
  ): Promise<GuestInvitationEntity> {
    await this.managedMeeting(actor, meetingId);
    RequestContext.note({ objectType: 'guest-invitation', objectId: invitationId });
    const invitation = await this.dataSource.manager.findOneBy(GuestInvitationEntity, {
      id: invitationId,
      meetingId,
    });
    if (!invitation) throw notFound('invitation');
    return invitation;
  }

  private async view(invitation: GuestInvitationEntity): Promise<GuestInvitationView> {
    const items = await this.dataSource.manager.findBy(GuestInvitationItemEntity, {
      invitationId: invitation.id,
    });
    return this.toView(invitation, items);
  }

  private toView(
    invitation: GuestInvitationEntity,
    items: GuestInvitationItemEntity[],
  ): GuestInvitationView {
    return {
      id: invitation.id,
      meetingId: invitation.meetingId,
      name: invitation.name,
      email: invitation.email,
      discipline: invitation.discipline,
      organisationName: invitation.organisationName,
      items: items.map((i) => ({ itemId: i.agendaItemId, basis: i.basis, consentId: i.consentId })),
      justification: invitation.justification,
      status: invitationStatus(invitation, this.clock.now()),
      delivery: invitation.delivery,
      expiresAt: invitation.expiresAt.toISOString(),
      signedInAt: invitation.signedInAt?.toISOString() ?? null,
      invitedByUserId: invitation.invitedBy,
      createdAt: invitation.createdAt.toISOString(),
    };
  }
}
