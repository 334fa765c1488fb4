import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type {
  CircleInvitationCreated,
  CircleMemberView,
  CircleSuggestion,
  ConferenceView,
  circleMemberInputSchema,
  inviteCircleMemberSchema,
} from '@casustafel/contracts';
import { circleRoleOfRelation, orderCircle } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { conflict, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import {
  LinkCodeSignIn,
  createLinkCodeUser,
  linkTokenHash,
  newLinkToken,
  newOneTimeCode,
  oneTimeCodeHash,
} from '../auth/link-code';
import { SessionService } from '../auth/session.service';
import { CaseFileAccess } from '../case-file/case-file-access';
import { CaseEntity, MeldcodeRecordEntity } from '../case-file/case.entity';
import { NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { UserEntity } from '../identity/user.entity';
import { EcoTieEntity } from '../network-map/network-map.entities';
import {
  ConferenceInvitationEntity,
  ConferenceParticipantEntity,
} from './family-conference.entities';
import { ConferenceReader } from './conference-reader.service';
import { ConferenceSeats } from './conference-seats.service';
import { FamilyConferenceService } from './family-conference.service';

type CircleInput = z.output<typeof circleMemberInputSchema>;
type InviteInput = z.output<typeof inviteCircleMemberSchema>;

const OBJECT = 'family-conference';
const INVITATION_OBJECT = 'conference-invitation';
const DAY_MS = 86_400_000;

/**
 * The circle of a familienetwerkberaad: drawn from the household and its ecogram, extended by
 * hand, invited by link + one-time code — and withdrawn again. Withdrawing an invitation stops
 * its link and code at once, disables the member's account and ends its sessions (the live
 * gateway disconnects their sockets); a fresh invitation opens it again with a new link and
 * code. Someone who never signed in may also be taken out of the circle (before the start).
 * Who may do what is the conference's rule (`ConferenceSeats.seat`).
 */
@Injectable()
export class FamilyConferenceCircleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conferences: FamilyConferenceService,
    private readonly seats: ConferenceSeats,
    private readonly reader: ConferenceReader,
    private readonly access: CaseFileAccess,
    private readonly sessions: SessionService,
    private readonly linkCode: LinkCodeSignIn,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The circle drawn from the household and its ecogram, as large as possible. */
  async suggestions(actor: Actor, householdId: string): Promise<CircleSuggestion[]> {
    await this.access.household(actor, householdId, 'read', { type: OBJECT, id: null });
    const m = this.db.manager;
    const [persons, network, ties] = await Promise.all([
      m.find(PersonEntity, { where: { householdId }, order: { createdAt: 'ASC' } }),
      m.find(NetworkPersonEntity, { where: { householdId }, order: { createdAt: 'ASC' } }),
      m.find(EcoTieEntity, { where: { householdId } }),
    ]);
    const tieOf = new Map(ties.filter((t) => t.networkPersonId).map((t) => [t.networkPersonId, t]));
    const suggestions: CircleSuggestion[] = persons.map((p) => ({
      name: `${p.givenName} ${p.familyName}`.trim(),
      role: 'familie',
      relation: p.role,
      source: 'huishouden',
      personId: p.id,
      networkPersonId: null,
      strength: null,
      codes: [],
    }));
    for (const n of network) {
      const role = circleRoleOfRelation(n.relation);
      if (!role || n.deceased) continue;
      const tie = tieOf.get(n.id);
      suggestions.push({
        name: n.name,
        role,
        relation: n.relationDetail ?? n.relation,
        source: 'netwerk',
        personId: null,
        networkPersonId: n.id,
        strength: tie?.strength ?? null,
        codes: [...(tie?.codes ?? [])],
      });
    }
    return orderCircle(suggestions);
  }

  async add(actor: Actor, conferenceId: string, input: CircleInput): Promise<ConferenceView> {
    const { conference } = await this.seats.preparing(actor, conferenceId);
    await this.conferences.checkCircleSource(conference.householdId, input, '');
    const last = await this.db.manager.findOne(ConferenceParticipantEntity, {
      where: { conferenceId },
      order: { position: 'DESC' },
    });
    await this.db.manager.insert(ConferenceParticipantEntity, {
      conferenceId,
      role: input.role,
      name: input.name,
      relation: input.relation,
      userId: null,
      personId: input.personId,
      networkPersonId: input.networkPersonId,
      consentAt: null,
      position: (last?.position ?? -1) + 1,
      createdAt: this.clock.now(),
    });
    return this.reader.read(actor, conferenceId);
  }

  /** A member of this conference's circle (family or network), or 404. */
  private async circleMember(
    conferenceId: string,
    participantId: string,
  ): Promise<ConferenceParticipantEntity> {
    const participant = await this.db.manager.findOneBy(ConferenceParticipantEntity, {
      id: participantId,
      conferenceId,
    });
    if (!participant || (participant.role !== 'familie' && participant.role !== 'netwerk'))
      throw notFound('member of the circle');
    return participant;
  }

  /**
   * A link + one-time code for a circle member (shown once; a second call renews both, also
   * after a withdrawal). The account it opens is of kind `conference`: this conference only.
   * Refused while a Meldcode record of the household is open (as the family's own link is).
   */
  async invite(
    actor: Actor,
    conferenceId: string,
    participantId: string,
    input: InviteInput,
  ): Promise<CircleInvitationCreated> {
    const { conference } = await this.seats.preparing(actor, conferenceId, INVITATION_OBJECT);
    const m = this.db.manager;
    const participant = await this.circleMember(conferenceId, participantId);
    const open = await m
      .createQueryBuilder(MeldcodeRecordEntity, 'r')
      .innerJoin(CaseEntity, 'c', 'c.id = r.caseId')
      .where('c.householdId = :householdId AND r.closedAt IS NULL', {
        householdId: conference.householdId,
      })
      .getCount();
    if (open > 0) throw conflict('meldcode-open');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
    const token = newLinkToken();
    const code = newOneTimeCode();
    await this.db.transaction(async (tx) => {
      const existing = await tx.findOneBy(ConferenceInvitationEntity, { participantId });
      if (existing) {
        await tx.update(
          ConferenceInvitationEntity,
          { id: existing.id },
          {
            tokenHash: linkTokenHash(token),
            codeHash: oneTimeCodeHash(existing.id, code),
            codeAttempts: 0,
            expiresAt,
            revokedAt: null,
          },
        );
        await tx.update(UserEntity, { id: existing.userId }, { disabledAt: null });
        return;
      }
      // Never signs in by e-mail or password: link + code only.
      const user = await createLinkCodeUser(tx, {
        organisationId: conference.organisationId,
        displayName: participant.name,
        discipline: 'anders',
        kind: 'conference',
      });
      const id = randomUUID();
      await tx.insert(ConferenceInvitationEntity, {
        id,
        conferenceId,
        participantId,
        userId: user.id,
        tokenHash: linkTokenHash(token),
        codeHash: oneTimeCodeHash(id, code),
        codeAttempts: 0,
        expiresAt,
        signedInAt: null,
        revokedAt: null,
        invitedBy: actor.userId,
        createdAt: now,
      });
      await tx.update(ConferenceParticipantEntity, { id: participantId }, { userId: user.id });
    });
    const view = await this.reader.read(actor, conferenceId);
    RequestContext.note({ objectType: INVITATION_OBJECT, objectId: participantId });
    const member = view.circle.find((c) => c.id === participantId) as CircleMemberView;
    return {
      member,
      link: new URL(`/beraad#${token}`, this.config.publicUrl).toString(),
      code,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /**
   * Withdraws a circle member's invitation, at once: link and code stop working (a sign-in is
   * refused with `CONFERENCE_INVITATION_REVOKED`), the account is disabled and its sessions end
   * (REST answers 401, the live gateway disconnects its sockets). The coordinator, a
   * professional of the conference or — before the start — a team member of the household
   * may do it; also while it runs. Withdrawing twice changes nothing.
   */
  async revoke(actor: Actor, conferenceId: string, participantId: string): Promise<ConferenceView> {
    const seat = await this.seats.staffSeat(actor, conferenceId, INVITATION_OBJECT);
    await this.circleMember(conferenceId, participantId);
    RequestContext.note({
      objectType: INVITATION_OBJECT,
      objectId: participantId,
      context: { teamId: seat.conference.teamId, conferenceId },
    });
    const invitation = await this.db.manager.findOneBy(ConferenceInvitationEntity, {
      participantId,
    });
    if (!invitation) throw conflict('not-invited', 'invitation');
    await this.linkCode.revoke(ConferenceInvitationEntity, invitation, invitation.userId);
    const view = await this.reader.read(actor, conferenceId);
    // Last: the audit event is about the member, not the conference the read noted.
    RequestContext.note({ objectType: INVITATION_OBJECT, objectId: participantId });
    return view;
  }

  /**
   * Takes someone out of the circle before the start — only when they never signed in (who took
   * part stays on record; their invitation can be withdrawn instead). Their unused invitation
   * goes with them; the account made for it stays disabled.
   */
  async remove(actor: Actor, conferenceId: string, participantId: string): Promise<ConferenceView> {
    await this.seats.preparing(actor, conferenceId, INVITATION_OBJECT);
    const participant = await this.circleMember(conferenceId, participantId);
    RequestContext.note({ objectType: INVITATION_OBJECT, objectId: participantId });
    const invitation = await this.db.manager.findOneBy(ConferenceInvitationEntity, {
      participantId,
    });
    if (invitation?.signedInAt || participant.consentAt)
      throw conflict('member-took-part', 'participantId');
    await this.db.transaction(async (tx) => {
      if (invitation) {
        await tx.delete(ConferenceInvitationEntity, { id: invitation.id });
        await tx.update(UserEntity, { id: invitation.userId }, { disabledAt: this.clock.now() });
      }
      await tx.delete(ConferenceParticipantEntity, { id: participant.id, conferenceId });
    });
    if (invitation) await this.sessions.endAllForUser(invitation.userId, 'guest-revoked');
    const view = await this.reader.read(actor, conferenceId);
    RequestContext.note({ objectType: INVITATION_OBJECT, objectId: participantId });
    return view;
  }
}
