import type { z } from 'zod';
import type {
  Address,
  ConsentRecipient,
  Gender,
  CONSENT_PURPOSES,
  HOUSEHOLD_ROLES,
  InvolvedProfessional,
  LEGAL_BASES,
  NETWORK_RELATIONS,
  caseStatusSchema,
} from '@casustafel/contracts';

export type { Address, ConsentRecipient, Gender, InvolvedProfessional };
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];
export type NetworkRelation = (typeof NETWORK_RELATIONS)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type LegalBasis = (typeof LEGAL_BASES)[number];
export type CaseStatus = z.infer<typeof caseStatusSchema>;
