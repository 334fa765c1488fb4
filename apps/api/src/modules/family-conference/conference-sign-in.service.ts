import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConferenceSessionView } from '@casustafel/contracts';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { LinkCodeSignIn, invalidLinkOrCode, linkTokenHash } from '../auth/link-code';
import { UserEntity } from '../identity/user.entity';
import {
  ConferenceInvitationEntity,
  ConferenceParticipantEntity,
  FamilyConferenceEntity,
} from './family-conference.entities';
import { CONFERENCE_PURPOSE, THIS_CONFERENCE, ConferenceSeats } from './conference-seats.service';

/** Circle members by link + one-time code: their sign-in (with a network member's consent) and session. */
@Injectable()
export class ConferenceSignInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly linkCode: LinkCodeSignIn,
    private readonly seats: ConferenceSeats,
    private readonly clock: Clock,
  ) {}

  /**
   * Link + one-time code → a session for this conference only. A network member takes part only
   * with their consent (asked before the code is spent, and recorded with the sign-in).
   */
  async signIn(
    token: string,
    code: string,
    consent: boolean,
    ip: string | null,
  ): Promise<{ token: string }> {
    const invitation = await this.db.manager.findOneBy(ConferenceInvitationEntity, {
      tokenHash: linkTokenHash(token),
    });
    const participant = invitation
      ? await this.db.manager.findOneBy(ConferenceParticipantEntity, {
          id: invitation.participantId,
        })
      : null;
    if (invitation && !participant) throw invalidLinkOrCode();
    if (invitation?.revokedAt) {
      RequestContext.note({
        objectType: 'conference-invitation',
        objectId: invitation.id,
        purpose: CONFERENCE_PURPOSE,
        context: { conferenceId: invitation.conferenceId },
      });
      throw new DomainError(
        'CONFERENCE_INVITATION_REVOKED',
        'This invitation to the family group conference was withdrawn',
      );
    }
    if (participant?.role === 'netwerk' && !consent && participant.consentAt === null)
      throw new DomainError('CONFERENCE_CONSENT_REQUIRED', 'Taking part needs your consent', [
        { path: 'consent', issue: 'required' },
      ]);
    const session = await this.linkCode.signIn(
      {
        entity: ConferenceInvitationEntity,
        userOf: (i) => i.userId,
        ended: (i) => i.revokedAt !== null || i.expiresAt.getTime() <= this.clock.now().getTime(),
        note: (i) =>
          RequestContext.note({
            objectType: 'conference-invitation',
            objectId: i?.id ?? null,
            purpose: CONFERENCE_PURPOSE,
            context: i ? { conferenceId: i.conferenceId } : null,
          }),
        issuer: 'the coordinator',
      },
      token,
      code,
      ip,
    );
    if (participant && consent && participant.consentAt === null)
      await this.db.manager.update(
        ConferenceParticipantEntity,
        { id: participant.id },
        { consentAt: this.clock.now() },
      );
    if (invitation) {
      const conference = await this.db.manager.findOneBy(FamilyConferenceEntity, {
        id: invitation.conferenceId,
      });
      if (conference) this.seats.note('conference-invitation', conference);
    }
    return session;
  }

  async session(actor: Actor, csrfToken: string): Promise<ConferenceSessionView> {
    const grant = actor.conference;
    if (!grant) throw forbidden(THIS_CONFERENCE);
    RequestContext.note({
      objectType: 'conference-invitation',
      objectId: grant.invitationId,
      clientId: grant.householdId,
      purpose: CONFERENCE_PURPOSE,
      context: { teamId: grant.teamId, conferenceId: grant.conferenceId },
    });
    const user = await this.db.manager.findOneByOrFail(UserEntity, { id: actor.userId });
    return {
      conferenceId: grant.conferenceId,
      name: user.displayName,
      role: grant.role,
      expiresAt: grant.expiresAt.toISOString(),
      csrfToken,
    };
  }
}
