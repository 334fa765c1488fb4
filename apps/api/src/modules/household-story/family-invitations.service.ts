import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type FamilyInvitationCreated,
  type FamilyInvitationView,
  type FamilyStatus,
  type inviteFamilySchema,
} from '@casustafel/contracts';
import type { z } from 'zod';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import {
  LinkCodeSignIn,
  createLinkCodeUser,
  renewLinkCode,
  saveLinkCodeInvitation,
} from '../auth/link-code';
import { CaseFileAccess } from '../case-file/case-file-access';
import { CaseEntity, MeldcodeRecordEntity } from '../case-file/case.entity';
import { FamilyInvitationEntity } from './household-story.entities';

type InviteInput = z.output<typeof inviteFamilySchema>;

const DAY_MS = 86_400_000;

/** Where an invitation stands (the team's list, and whether its link still signs in). */
export function familyInvitationStatus(
  invitation: FamilyInvitationEntity,
  now: Date,
): FamilyStatus {
  if (invitation.revokedAt !== null) return 'ingetrokken';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'verlopen';
  return invitation.signedInAt !== null ? 'aangemeld' : 'uitgenodigd';
}

/**
 * The team's side of the family's access: invitations by link + one-time code (scoped to one
 * household; none while a Meldcode record is open), listed, withdrawn and renewed.
 */
@Injectable()
export class FamilyInvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseFileAccess,
    private readonly linkCode: LinkCodeSignIn,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async invite(
    actor: Actor,
    householdId: string,
    input: InviteInput,
  ): Promise<FamilyInvitationCreated> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: 'family-invitation',
      id: null,
    });
    await this.refuseDuringMeldcode(householdId);
    const now = this.clock.now();
    const { invitation, token, code } = await this.dataSource.transaction(async (tx) => {
      const user = await createLinkCodeUser(tx, {
        organisationId: actor.organisationId,
        displayName: input.name,
        discipline: 'anders',
        kind: 'family',
      });
      const { row, token, code } = await saveLinkCodeInvitation(tx, FamilyInvitationEntity, {
        organisationId: actor.organisationId,
        householdId: household.id,
        familyUserId: user.id,
        name: input.name,
        expiresAt: new Date(now.getTime() + input.days * DAY_MS),
        revokedAt: null,
        revokedBy: null,
        invitedBy: actor.userId,
        createdAt: now,
      });
      return { invitation: row, token, code };
    });
    RequestContext.note({ objectType: 'family-invitation', objectId: invitation.id });
    return { invitation: this.toView(invitation), link: this.linkFor(token), code };
  }

  /**
   * A family is not invited while a Meldcode record of one of its cases is open: the Meldcode
   * decides when and how the family is told (step 3), not a link.
   */
  private async refuseDuringMeldcode(householdId: string): Promise<void> {
    const open = await this.dataSource.manager
      .createQueryBuilder(MeldcodeRecordEntity, 'r')
      .innerJoin(CaseEntity, 'c', 'c.id = r.caseId')
      .where('c.householdId = :householdId AND r.closedAt IS NULL', { householdId })
      .getCount();
    if (open > 0)
      throw new DomainError('CONFLICT', 'Refused: an open Meldcode record', [
        { path: '', issue: 'meldcode-open' },
      ]);
  }

  async list(actor: Actor, householdId: string): Promise<FamilyInvitationView[]> {
    await this.access.household(actor, householdId, 'read', {
      type: 'family-invitation',
      id: null,
    });
    const rows = await this.dataSource.manager.find(FamilyInvitationEntity, {
      where: { householdId },
      order: { createdAt: 'DESC' },
    });
    return rows.map((row) => this.toView(row));
  }

  async revoke(
    actor: Actor,
    householdId: string,
    invitationId: string,
  ): Promise<FamilyInvitationView> {
    await this.access.household(actor, householdId, 'update', {
      type: 'family-invitation',
      id: invitationId,
    });
    const invitation = await this.dataSource.manager.findOneBy(FamilyInvitationEntity, {
      id: invitationId,
      householdId,
    });
    if (!invitation) throw notFound('invitation');
    await this.linkCode.revoke(
      FamilyInvitationEntity,
      invitation,
      invitation.familyUserId,
      actor.userId,
    );
    return this.toView(invitation);
  }

  /**
   * A fresh link and code for an open invitation (used by the demo at every start, and when a
   * family lost theirs): the old link and code stop working together.
   */
  async renew(invitation: FamilyInvitationEntity): Promise<{ link: string; code: string }> {
    const { token, code } = await renewLinkCode(
      this.dataSource.manager,
      FamilyInvitationEntity,
      invitation,
    );
    return { link: this.linkFor(token), code };
  }

  private linkFor(token: string): string {
    return new URL(`/gezin#${token}`, this.config.publicUrl).toString();
  }

  private toView(invitation: FamilyInvitationEntity): FamilyInvitationView {
    return {
      id: invitation.id,
      householdId: invitation.householdId,
      name: invitation.name,
      status: familyInvitationStatus(invitation, this.clock.now()),
      codeAttempts: invitation.codeAttempts,
      expiresAt: invitation.expiresAt.toISOString(),
      signedInAt: invitation.signedInAt?.toISOString() ?? null,
      createdAt: invitation.createdAt.toISOString(),
    };
  }
}
