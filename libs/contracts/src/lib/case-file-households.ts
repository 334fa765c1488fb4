/**
 * The case file's households, the people in and around them, and the consent ledger (see case-
 * file.ts).
 */
import * as z from 'zod';
import { plainText } from '@casustafel/domain';

const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[\p{L}\p{M}' .-]+$/u);
const isoDate = z.iso.date();
/** A date of birth: a real date, not in the future, not before 1900. */
export const dateOfBirthSchema = isoDate.refine(
  (d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10),
  {
    message: 'out-of-range',
  },
);
/** A date within a sane range for case events: 2000-01-01 … 10 years ahead. */
export const caseDateSchema = isoDate.refine(
  (d) => d >= '2000-01-01' && d <= `${new Date().getUTCFullYear() + 10}-12-31`,
  { message: 'out-of-range' },
);
const phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^[+0-9 ()-]{6,30}$/);
const email = z.email().max(254);

/* ---------- households, persons, network ---------- */

export const HOUSEHOLD_ROLES = [
  'ouder',
  'partner',
  'kind',
  'pleegkind',
  'grootouder',
  'overig',
] as const;
export const householdRoleSchema = z.enum(HOUSEHOLD_ROLES);
export const NETWORK_RELATIONS = [
  'familie',
  'vriend',
  'buur',
  'vrijwilliger',
  'professional',
  'overig',
] as const;
export const networkRelationSchema = z.enum(NETWORK_RELATIONS);

export const addressSchema = z.object({
  street: z.string().trim().min(1).max(120),
  postcode: z
    .string()
    .trim()
    .regex(/^[1-9][0-9]{3} ?[A-Za-z]{2}$/)
    .transform((p) => p.replace(' ', '').toUpperCase()),
  city: z.string().trim().min(1).max(80),
});
export type Address = z.infer<typeof addressSchema>;

export const createHouseholdSchema = z.object({
  /** How the team refers to the household, e.g. "Huishouden Jansen". */
  label: z.string().trim().min(2).max(80),
  address: addressSchema.nullable().default(null),
});
export type CreateHouseholdRequest = z.input<typeof createHouseholdSchema>;

export const personInputSchema = z.object({
  givenName: name(60),
  familyName: name(80),
  role: householdRoleSchema,
  dateOfBirth: dateOfBirthSchema.nullable().default(null),
  phone: phone.nullable().default(null),
  email: email.nullable().default(null),
  /** Optional; validated with the 11-proef, stored encrypted, returned masked only. */
  bsn: z
    .string()
    .trim()
    .regex(/^[0-9 .]{8,12}$/)
    .nullable()
    .default(null),
});
export type PersonInput = z.input<typeof personInputSchema>;
export const updatePersonSchema = personInputSchema.partial();

export const personSchema = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  role: householdRoleSchema,
  dateOfBirth: isoDate.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** `*****6782`, or null when no BSN is recorded. */
  bsnMasked: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;

export const networkPersonInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  relation: networkRelationSchema,
  /** e.g. "tante", "buurvrouw", "trainer voetbal" */
  relationDetail: z.string().trim().max(80).nullable().default(null),
  phone: phone.nullable().default(null),
});
export type NetworkPersonInput = z.input<typeof networkPersonInputSchema>;
export const networkPersonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  relation: networkRelationSchema,
  relationDetail: z.string().nullable(),
  phone: z.string().nullable(),
});
export type NetworkPerson = z.infer<typeof networkPersonSchema>;

/* ---------- consent ledger ---------- */

export const CONSENT_PURPOSES = ['mdo', 'delen-met-organisatie', 'familienetwerkberaad'] as const;
export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export const DATA_CATEGORIES = [
  'identificatie',
  'gezondheid',
  'ggz',
  'jeugdhulp',
  'financien',
  'justitie',
  'veiligheid',
  'werk-en-inkomen',
  'wonen',
] as const;
export const dataCategorySchema = z.enum(DATA_CATEGORIES);
export const LEGAL_BASES = [
  'wettelijke-taak-wmo',
  'wettelijke-taak-jeugdwet',
  'wettelijke-taak-participatiewet',
  'meldcode-veiligheid',
  'vitaal-belang',
] as const;
export const legalBasisSchema = z.enum(LEGAL_BASES);

export const consentRecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team'), teamId: z.uuid() }),
  z.object({ kind: z.literal('organisatie'), name: z.string().trim().min(2).max(120) }),
  z.object({ kind: z.literal('discipline'), discipline: z.string().trim().min(2).max(60) }),
]);
export type ConsentRecipient = z.infer<typeof consentRecipientSchema>;

/** Either the client's consent (toestemming), or another recorded legal basis. */
export const createConsentSchema = z
  .object({
    basis: z.enum(['toestemming', 'wettelijke-grondslag']),
    legalBasis: legalBasisSchema.nullable().default(null),
    /** The person it concerns; null = the whole household. */
    personId: z.uuid().nullable().default(null),
    purpose: consentPurposeSchema,
    dataCategories: z.array(dataCategorySchema).min(1).max(DATA_CATEGORIES.length),
    recipients: z.array(consentRecipientSchema).min(1).max(20),
    /** Who gave it: a household member's id (toestemming) — or null for a legal basis. */
    grantedByPersonId: z.uuid().nullable().default(null),
    grantedAt: caseDateSchema,
    expiresAt: caseDateSchema.nullable().default(null),
    note: plainText(500).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.basis === 'wettelijke-grondslag' && !v.legalBasis) {
      ctx.addIssue({ code: 'custom', path: ['legalBasis'], message: 'required' });
    }
    if (v.basis === 'toestemming' && !v.grantedByPersonId) {
      ctx.addIssue({ code: 'custom', path: ['grantedByPersonId'], message: 'required' });
    }
    if (v.expiresAt && v.expiresAt < v.grantedAt) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'before-granted' });
    }
  });
export type CreateConsentRequest = z.input<typeof createConsentSchema>;

export const CONSENT_STATES = ['geldig', 'verlopen', 'ingetrokken'] as const;
export const consentSchema = z.object({
  id: z.uuid(),
  basis: z.enum(['toestemming', 'wettelijke-grondslag']),
  legalBasis: legalBasisSchema.nullable(),
  personId: z.uuid().nullable(),
  purpose: consentPurposeSchema,
  dataCategories: z.array(dataCategorySchema),
  recipients: z.array(consentRecipientSchema),
  grantedByPersonId: z.uuid().nullable(),
  recordedByUserId: z.uuid(),
  grantedAt: isoDate,
  expiresAt: isoDate.nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
  note: z.string(),
  /** Computed at read time from expiry and withdrawal. */
  state: z.enum(CONSENT_STATES),
});
export type Consent = z.infer<typeof consentSchema>;

/* ---------- households ---------- */

export const householdSummarySchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  label: z.string(),
  memberCount: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type HouseholdSummary = z.infer<typeof householdSummarySchema>;

export const householdDetailSchema = householdSummarySchema.extend({
  address: addressSchema.nullable(),
  members: z.array(personSchema),
  network: z.array(networkPersonSchema),
  consents: z.array(consentSchema),
});
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;
