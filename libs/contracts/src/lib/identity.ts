import * as z from 'zod';
import { DISCIPLINES, ORGANISATION_KINDS, TEAM_ROLES, TEAM_TYPES } from './plain/identity';

// The role, type and discipline lists and their types live in ./plain/identity (zod-free).
export const teamRoleSchema = z.enum(TEAM_ROLES);
export const teamTypeSchema = z.enum(TEAM_TYPES);
export const organisationKindSchema = z.enum(ORGANISATION_KINDS);
export const disciplineSchema = z.enum(DISCIPLINES);

/** Names: letters, spaces and the punctuation of Dutch names; no markup. */
const displayName = z
  .string()
  .trim()
  .min(2)
  .max(120)
  .regex(/^[\p{L}\p{M}' .-]+$/u);
const teamName = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[\p{L}\p{M}\p{N}' .,&()/-]+$/u);
export const emailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

export const teamMembershipSchema = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  roles: z.array(teamRoleSchema),
});
export type TeamMembership = z.infer<typeof teamMembershipSchema>;

export const currentUserSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  discipline: disciplineSchema,
  organisationId: z.uuid(),
  organisationName: z.string(),
  orgAdmin: z.boolean(),
  totpEnabled: z.boolean(),
  teams: z.array(teamMembershipSchema),
  /** An invited external specialist: sees only the guest pages of one meeting. */
  guest: z.boolean(),
  /** A household member signed in with their link + code: sees only their own plan pages. */
  family: z.boolean().optional(),
  /** A family or network member of a conference (link + code): sees only that conference. */
  conference: z.boolean().optional(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const teamSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: teamTypeSchema,
  memberCount: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type TeamSummary = z.infer<typeof teamSummarySchema>;

export const teamMemberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  discipline: disciplineSchema,
  roles: z.array(teamRoleSchema),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamDetailSchema = teamSummarySchema.extend({ members: z.array(teamMemberSchema) });
export type TeamDetail = z.infer<typeof teamDetailSchema>;

export const userAdminViewSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  discipline: disciplineSchema,
  orgAdmin: z.boolean(),
  status: z.enum(['invited', 'active', 'disabled']),
  totpEnabled: z.boolean(),
  ssoLinked: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  activeSessions: z.number().int().nonnegative(),
  teams: z.array(teamMembershipSchema),
});
export type UserAdminView = z.infer<typeof userAdminViewSchema>;

export const organisationOverviewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: organisationKindSchema,
  teams: z.array(teamSummarySchema),
  users: z.array(userAdminViewSchema),
});
export type OrganisationOverview = z.infer<typeof organisationOverviewSchema>;

export const createTeamSchema = z.object({ name: teamName, type: teamTypeSchema });
export type CreateTeamRequest = z.infer<typeof createTeamSchema>;
export const updateTeamSchema = createTeamSchema.partial().refine((v) => Object.keys(v).length > 0);
export type UpdateTeamRequest = z.infer<typeof updateTeamSchema>;

export const inviteUserSchema = z.object({
  displayName,
  email: emailSchema,
  discipline: disciplineSchema,
  orgAdmin: z.boolean().default(false),
  teamId: z.uuid().optional(),
  roles: z.array(teamRoleSchema).min(1).max(4).default(['member']),
});
export type InviteUserRequest = z.input<typeof inviteUserSchema>;

/** The invitation link's secret, shown once to the inviting admin (no SMTP needed). */
export const inviteUserResponseSchema = z.object({
  user: userAdminViewSchema,
  activationPath: z.string(),
  activationExpiresAt: z.iso.datetime(),
});
export type InviteUserResponse = z.infer<typeof inviteUserResponseSchema>;

export const updateUserSchema = z
  .object({
    displayName: displayName.optional(),
    discipline: disciplineSchema.optional(),
    orgAdmin: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0);
export type UpdateUserRequest = z.infer<typeof updateUserSchema>;

export const setMembershipSchema = z.object({ roles: z.array(teamRoleSchema).min(1).max(4) });
export type SetMembershipRequest = z.infer<typeof setMembershipSchema>;

export const uuidParamSchema = z.uuid();
