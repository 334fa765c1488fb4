import * as z from 'zod';
import { networkRelationSchema } from './case-file';

/**
 * The household's network maps (genogram and ecogram). One model: the persons in both maps are
 * the household's members and its network persons (a person only drawn in the genogram, such as a
 * deceased grandparent, is a network person with `mapOnly`). Links and ties refer to them by id.
 * Every write answers the new `revision`; the server emits `network:changed` to everyone who
 * joined the household's map over `/live`, and their clients read the map again.
 */

export const GENDERS = ['man', 'vrouw', 'anders', 'onbekend'] as const;
export const genderSchema = z.enum(GENDERS);
export type Gender = z.infer<typeof genderSchema>;

export const PARTNERSHIP_STATUSES = [
  'getrouwd',
  'samenwonend',
  'uit-elkaar',
  'gescheiden',
] as const;
export const CHILD_TYPES = ['biologisch', 'geadopteerd', 'pleeg'] as const;
export const EMOTIONAL_TYPES = [
  'hecht',
  'conflict',
  'afstandelijk',
  'verbroken',
  'misbruik',
] as const;
export const ECO_CATEGORIES = [
  'school',
  'werk',
  'huisarts',
  'ggz',
  'vrienden',
  'geloof',
  'sport',
  'buren',
  'vrijwilligers',
  'familie',
  'hulpverlening',
  'overig',
] as const;
export const TIE_STRENGTHS = ['sterk', 'zwak', 'wankel', 'stressvol'] as const;
/** Direction of energy: to the household, from the household, both ways, or not stated. */
export const ENERGY_DIRECTIONS = [
  'naar-huishouden',
  'van-huishouden',
  'wederzijds',
  'geen',
] as const;
/** Dutch ecogram support codes: praktisch, gezelschap, advies, emotioneel. */
export const SUPPORT_CODES = ['P', 'G', 'A', 'E'] as const;

export const partnershipStatusSchema = z.enum(PARTNERSHIP_STATUSES);
export const childTypeSchema = z.enum(CHILD_TYPES);
export const emotionalTypeSchema = z.enum(EMOTIONAL_TYPES);
export const ecoCategorySchema = z.enum(ECO_CATEGORIES);
export const tieStrengthSchema = z.enum(TIE_STRENGTHS);
export const energyDirectionSchema = z.enum(ENERGY_DIRECTIONS);
export const supportCodeSchema = z.enum(SUPPORT_CODES);
export type PartnershipStatus = z.infer<typeof partnershipStatusSchema>;
export type ChildType = z.infer<typeof childTypeSchema>;
export type EmotionalType = z.infer<typeof emotionalTypeSchema>;
export type EcoCategory = z.infer<typeof ecoCategorySchema>;
export type TieStrength = z.infer<typeof tieStrengthSchema>;
export type EnergyDirection = z.infer<typeof energyDirectionSchema>;
export type SupportCode = z.infer<typeof supportCodeSchema>;

const year = z.number().int().min(1850).max(2200);

/** A person in the maps: a household member (`member`) or a network person (`network`). */
export const mapPersonSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['member', 'network']),
  name: z.string(),
  /** The household role (member) or the network relation (network person). */
  role: z.string(),
  relationDetail: z.string().nullable(),
  gender: genderSchema,
  birthYear: z.number().int().nullable(),
  deceased: z.boolean(),
  deathYear: z.number().int().nullable(),
  indexPerson: z.boolean(),
  /** A network person drawn only in the genogram (e.g. a deceased grandparent). */
  mapOnly: z.boolean(),
});
export type MapPerson = z.infer<typeof mapPersonSchema>;

export const partnershipLinkSchema = z.object({
  id: z.uuid(),
  kind: z.literal('partnership'),
  from: z.uuid(),
  to: z.uuid(),
  status: partnershipStatusSchema,
  startYear: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
});
export const childLinkSchema = z.object({
  id: z.uuid(),
  kind: z.literal('child'),
  /** A partnership link's id, or a single parent's person id. */
  from: z.uuid(),
  /** The child. */
  to: z.uuid(),
  childType: childTypeSchema,
  /** Children of one partnership with the same twin group are drawn from one point. */
  twinGroup: z.string().nullable(),
});
export const emotionalLinkSchema = z.object({
  id: z.uuid(),
  kind: z.literal('emotional'),
  from: z.uuid(),
  to: z.uuid(),
  emotion: emotionalTypeSchema,
  /** From `from` towards `to` (abuse, "focused on"); otherwise mutual. */
  directed: z.boolean(),
});
export const genogramLinkSchema = z.discriminatedUnion('kind', [
  partnershipLinkSchema,
  childLinkSchema,
  emotionalLinkSchema,
]);
export type PartnershipLink = z.infer<typeof partnershipLinkSchema>;
export type ChildLink = z.infer<typeof childLinkSchema>;
export type EmotionalLink = z.infer<typeof emotionalLinkSchema>;
export type GenogramLink = z.infer<typeof genogramLinkSchema>;

/** A system around the household in the ecogram, or a network person drawn there. */
export const ecoTieSchema = z.object({
  id: z.uuid(),
  category: ecoCategorySchema,
  /** The system's name; for a network person, the person's name. */
  label: z.string(),
  networkPersonId: z.uuid().nullable(),
  strength: tieStrengthSchema,
  energy: energyDirectionSchema,
  codes: z.array(supportCodeSchema),
});
export type EcoTie = z.infer<typeof ecoTieSchema>;

export const networkMapSchema = z.object({
  householdId: z.uuid(),
  householdLabel: z.string(),
  revision: z.number().int(),
  persons: z.array(mapPersonSchema),
  links: z.array(genogramLinkSchema),
  ties: z.array(ecoTieSchema),
});
export type NetworkMap = z.infer<typeof networkMapSchema>;

/* ---------- inputs ---------- */

/** Adds a person drawn in the map: a network person of the household with `mapOnly`. */
export const mapPersonInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  relation: networkRelationSchema.default('familie'),
  relationDetail: z.string().trim().max(80).nullable().default(null),
  gender: genderSchema.default('onbekend'),
  birthYear: year.nullable().default(null),
  deceased: z.boolean().default(false),
  deathYear: year.nullable().default(null),
  /** Must be true to record someone as deceased: the UI asks first. */
  deceasedConfirmed: z.boolean().default(false),
});
export type MapPersonInput = z.input<typeof mapPersonInputSchema>;

/** Changes the genogram traits of any person of the household (member or network person). */
export const mapPersonUpdateSchema = z.strictObject({
  /** Network persons only (a member's name is changed in the member form). */
  name: z.string().trim().min(1).max(120).optional(),
  gender: genderSchema.optional(),
  birthYear: year.nullable().optional(),
  deceased: z.boolean().optional(),
  deathYear: year.nullable().optional(),
  deceasedConfirmed: z.boolean().optional(),
  indexPerson: z.boolean().optional(),
});
export type MapPersonUpdate = z.input<typeof mapPersonUpdateSchema>;

export const genogramLinkInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('partnership'),
    from: z.uuid(),
    to: z.uuid(),
    status: partnershipStatusSchema.default('getrouwd'),
    startYear: year.nullable().default(null),
    endYear: year.nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('child'),
    from: z.uuid(),
    to: z.uuid(),
    childType: childTypeSchema.default('biologisch'),
    twinGroup: z.string().trim().min(1).max(8).nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('emotional'),
    from: z.uuid(),
    to: z.uuid(),
    emotion: emotionalTypeSchema,
    directed: z.boolean().default(false),
  }),
]);
export type GenogramLinkInput = z.input<typeof genogramLinkInputSchema>;

export const genogramLinkUpdateSchema = z.strictObject({
  status: partnershipStatusSchema.optional(),
  startYear: year.nullable().optional(),
  endYear: year.nullable().optional(),
  childType: childTypeSchema.optional(),
  twinGroup: z.string().trim().min(1).max(8).nullable().optional(),
  emotion: emotionalTypeSchema.optional(),
  directed: z.boolean().optional(),
});
export type GenogramLinkUpdate = z.input<typeof genogramLinkUpdateSchema>;

export const ecoTieInputSchema = z.strictObject({
  category: ecoCategorySchema,
  /** Required unless `networkPersonId` names the person drawn. */
  label: z.string().trim().min(1).max(80).nullable().default(null),
  networkPersonId: z.uuid().nullable().default(null),
  strength: tieStrengthSchema.default('sterk'),
  energy: energyDirectionSchema.default('geen'),
  codes: z.array(supportCodeSchema).max(4).default([]),
});
export type EcoTieInput = z.input<typeof ecoTieInputSchema>;

export const ecoTieUpdateSchema = z.strictObject({
  category: ecoCategorySchema.optional(),
  label: z.string().trim().min(1).max(80).optional(),
  strength: tieStrengthSchema.optional(),
  energy: energyDirectionSchema.optional(),
  codes: z.array(supportCodeSchema).max(4).optional(),
});
export type EcoTieUpdate = z.input<typeof ecoTieUpdateSchema>;

/* ---------- versions ---------- */

export const mapVersionInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
});
export type MapVersionInput = z.input<typeof mapVersionInputSchema>;

export const mapVersionSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }),
});
export type MapVersionSummary = z.infer<typeof mapVersionSummarySchema>;
export const mapVersionSchema = mapVersionSummarySchema.extend({ map: networkMapSchema });
export type MapVersion = z.infer<typeof mapVersionSchema>;

/* ---------- live ---------- */

export const networkJoinSchema = z.strictObject({ householdId: z.uuid() });
export type NetworkJoin = z.infer<typeof networkJoinSchema>;
export interface NetworkJoinResult {
  householdId: string;
  revision: number;
}
/** Sent to `network:<householdId>` after every change: clients read the map again. */
export interface NetworkChangedEvent {
  householdId: string;
  revision: number;
}

/** The SVG exports. */
export const MAP_KINDS = ['genogram', 'ecogram'] as const;
export type MapKind = (typeof MAP_KINDS)[number];
