import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Consent, ConsentCoverage } from '@casustafel/contracts';
import { consentStateAt, dutchDate } from '@casustafel/domain';
import type { ConsentPurpose } from './case-file.types';
import { ConsentEntity } from './household.entity';

export function toConsent(c: ConsentEntity, at: Date): Consent {
  return {
    id: c.id,
    basis: c.basis,
    legalBasis: c.legalBasis,
    personId: c.personId,
    purpose: c.purpose,
    dataCategories: c.dataCategories as Consent['dataCategories'],
    recipients: c.recipients,
    grantedByPersonId: c.grantedByPersonId,
    recordedByUserId: c.recordedByUserId,
    grantedAt: c.grantedAt,
    expiresAt: c.expiresAt,
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    note: c.note,
    state: consentStateAt(c, at),
  };
}

/** The consent ledger's questions: is a purpose covered for a household at a moment? */
@Injectable()
export class ConsentService {
  constructor(
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
  ) {}

  /**
   * Whether discussing the household in a meeting on `at` is covered by the ledger (purpose
   * mdo, consent or another recorded legal basis), the last day covered (null when unlimited or
   * not covered) and the entry relied on.
   */
  async meetingCoverage(
    householdId: string,
    at: Date,
  ): Promise<{
    state: ConsentCoverage['mdo'];
    validUntil: string | null;
    consentId: string | null;
  }> {
    const coverage = await this.coverage(householdId, 'mdo', at);
    if (coverage.validConsentIds.length === 0)
      return { state: coverage.mdo, validUntil: null, consentId: null };
    const valid = await this.consents.findBy({ id: In(coverage.validConsentIds) });
    const unlimited = valid.some((c) => c.expiresAt === null);
    const until = valid
      .map((c) => c.expiresAt)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1);
    return {
      state: 'gedekt',
      validUntil: unlimited ? null : (until ?? null),
      consentId: coverage.validConsentIds[0] ?? null,
    };
  }

  /**
   * Coverage of `purpose` for the household at `at`: `gedekt` when a valid entry (consent or
   * legal basis) exists, `verlopen` when only expired ones do, else `ontbreekt`. Withdrawn
   * entries and entries granted after `at` count for nothing.
   */
  async coverage(householdId: string, purpose: ConsentPurpose, at: Date): Promise<ConsentCoverage> {
    const entries = await this.consents.find({
      where: { householdId, purpose },
      order: { grantedAt: 'ASC', createdAt: 'ASC' },
    });
    const validConsentIds: string[] = [];
    const expiredConsentIds: string[] = [];
    for (const entry of entries) {
      if (entry.grantedAt > dutchDate(at)) continue;
      const state = consentStateAt(entry, at);
      if (state === 'geldig') validConsentIds.push(entry.id);
      else if (state === 'verlopen') expiredConsentIds.push(entry.id);
    }
    return {
      mdo:
        validConsentIds.length > 0
          ? 'gedekt'
          : expiredConsentIds.length > 0
            ? 'verlopen'
            : 'ontbreekt',
      validConsentIds,
      expiredConsentIds,
    };
  }
}
