import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import {
  CaseEntity,
  MeldcodeRecordEntity,
  PreparationEntity,
  ZrmAssessmentEntity,
} from '../case-file/case.entity';
import {
  ConsentEntity,
  HouseholdEntity,
  NetworkPersonEntity,
  PersonEntity,
} from '../case-file/household.entity';
import { IntervisionCaseSourceEntity } from '../intervision/intervision.entities';

/** What an erased person or household is called afterwards. */
export const ERASED_LABEL = 'Verwijderd';

/**
 * Removes the personal data of a household or one person from the case file, leaving ids,
 * codes and dates (status history, consent bases) so that statistics and the audit trail's ids
 * still resolve to a row. Free text goes: names, contact details, the sealed BSN, the address,
 * the network, consent notes, case titles, ZRM assessments, Meldcode records and preparations
 * (with their comments), and the link from intervision copies to the case. Runs in the caller's
 * transaction.
 */
@Injectable()
export class CaseFileEraser {
  /** Ids of the household's cases with an open Meldcode record (they hold erasure back). */
  async openMeldcodeCases(manager: EntityManager, householdId: string): Promise<string[]> {
    const cases = await manager.find(CaseEntity, { where: { householdId }, select: { id: true } });
    if (cases.length === 0) return [];
    const open = await manager.find(MeldcodeRecordEntity, {
      where: { caseId: In(cases.map((c) => c.id)), closedAt: IsNull() },
      select: { caseId: true },
    });
    return open.map((m) => m.caseId);
  }

  async erasePerson(manager: EntityManager, personId: string, now: Date): Promise<void> {
    await manager.update(PersonEntity, { id: personId }, this.anonymousPerson(now));
    await manager.update(ConsentEntity, { personId }, { note: '' });
    await manager.update(ConsentEntity, { grantedByPersonId: personId }, { note: '' });
  }

  async eraseHousehold(manager: EntityManager, householdId: string, now: Date): Promise<void> {
    await manager.update(PersonEntity, { householdId }, this.anonymousPerson(now));
    await manager.delete(NetworkPersonEntity, { householdId });
    await manager.update(ConsentEntity, { householdId }, { note: '' });
    const cases = await manager.find(CaseEntity, { where: { householdId }, select: { id: true } });
    const caseIds = cases.map((c) => c.id);
    if (caseIds.length > 0) {
      await manager.delete(ZrmAssessmentEntity, { caseId: In(caseIds) });
      await manager.delete(MeldcodeRecordEntity, { caseId: In(caseIds) });
      // Comments go with their preparation (ON DELETE CASCADE).
      await manager.delete(PreparationEntity, { caseId: In(caseIds) });
      // Intervision copies hold anonymised text only; their link to the case goes.
      await manager.update(IntervisionCaseSourceEntity, { caseId: In(caseIds) }, { caseId: null });
      await manager.update(
        CaseEntity,
        { id: In(caseIds) },
        { title: ERASED_LABEL, involved: [], updatedAt: now },
      );
    }
    await manager.update(
      HouseholdEntity,
      { id: householdId },
      { label: ERASED_LABEL, address: null, updatedAt: now },
    );
  }

  private anonymousPerson(now: Date): Partial<PersonEntity> {
    return {
      givenName: ERASED_LABEL,
      familyName: ERASED_LABEL,
      dateOfBirth: null,
      phone: null,
      email: null,
      bsnSealed: null,
      updatedAt: now,
    };
  }
}
