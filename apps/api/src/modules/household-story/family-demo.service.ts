import { Injectable } from '@nestjs/common';
import { createLinkCodeUser } from '../auth/link-code';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { CaseEntity } from '../case-file/case.entity';
import { HouseholdEntity } from '../case-file/household.entity';
import { UserEntity } from '../identity/user.entity';
import { FamilyInvitationsService } from './family-invitations.service';
import { FamilyInvitationEntity } from './household-story.entities';

/** The demo household whose family gets a link to their plan. */
export const DEMO_FAMILY_HOUSEHOLD = 'Huishouden Yılmaz';
const DEMO_FAMILY_NAME = 'Şükrü Yılmaz';

/**
 * Demo mode only: makes sure the demo household has an open family invitation and gives it a
 * fresh link and code at every start (only hashes are stored, so a code cannot be shown twice),
 * for the start banner.
 */
@Injectable()
export class FamilyDemoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: FamilyInvitationsService,
    private readonly clock: Clock,
  ) {}

  async freshDemoLink(): Promise<{ link: string; code: string } | null> {
    const m = this.dataSource.manager;
    const household = await m.findOneBy(HouseholdEntity, { label: DEMO_FAMILY_HOUSEHOLD });
    if (!household) return null;
    const now = this.clock.now();
    let invitation = await m.findOne(FamilyInvitationEntity, {
      where: { householdId: household.id, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    if (!invitation || invitation.expiresAt.getTime() <= now.getTime()) {
      const kase = await m.findOneBy(CaseEntity, { householdId: household.id });
      if (!kase) return null;
      const regisseur = await m.findOneByOrFail(UserEntity, { id: kase.casusregisseurId });
      invitation = await this.dataSource.transaction(async (tx) => {
        const user = await createLinkCodeUser(tx, {
          organisationId: regisseur.organisationId,
          displayName: DEMO_FAMILY_NAME,
          discipline: 'anders',
          kind: 'family',
        });
        return tx.save(
          tx.create(FamilyInvitationEntity, {
            organisationId: regisseur.organisationId,
            householdId: household.id,
            familyUserId: user.id,
            name: DEMO_FAMILY_NAME,
            tokenHash: `demo-${user.id}`.padEnd(64, '0').slice(0, 64),
            codeHash: null,
            codeAttempts: 0,
            expiresAt: new Date(now.getTime() + 90 * 86_400_000),
            revokedAt: null,
            revokedBy: null,
            signedInAt: null,
            invitedBy: regisseur.id,
            createdAt: now,
          }),
        );
      });
    }
    return this.invitations.renew(invitation);
  }
}
