import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../context/request-context';
import { abilityFor, asSubject } from './policy';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER_ORG = '00000000-0000-4000-8000-000000000002';
const TEAM_A = '00000000-0000-4000-8000-00000000000a';
const TEAM_B = '00000000-0000-4000-8000-00000000000b';

function actor(overrides: Partial<Actor>): Actor {
  return {
    userId: 'u',
    sessionId: 's',
    organisationId: ORG,
    orgAdmin: false,
    teams: new Map(),
    secondFactorPassed: true,
    guest: null,
    family: null,
    conference: null,
    ...overrides,
  };
}

describe('abilityFor', () => {
  it('lets a member read the own team and its client data, not another team', () => {
    const ability = abilityFor(actor({ teams: new Map([[TEAM_A, ['member']]]) }));
    expect(ability.can('read', asSubject('Team', { id: TEAM_A, organisationId: ORG }))).toBe(true);
    expect(ability.can('read', asSubject('Team', { id: TEAM_B, organisationId: ORG }))).toBe(false);
    expect(ability.can('read', asSubject('ClientData', { teamId: TEAM_A }))).toBe(true);
    expect(ability.can('read', asSubject('ClientData', { teamId: TEAM_B }))).toBe(false);
    expect(ability.can('manage', 'Organisation')).toBe(false);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
  });

  it('lets an organisation admin manage the own organisation but read no client data', () => {
    const ability = abilityFor(actor({ orgAdmin: true }));
    expect(ability.can('manage', asSubject('Team', { id: TEAM_B, organisationId: ORG }))).toBe(
      true,
    );
    expect(
      ability.can('manage', asSubject('Team', { id: TEAM_B, organisationId: OTHER_ORG })),
    ).toBe(false);
    expect(ability.can('read', asSubject('AuditEvent', { organisationId: ORG }))).toBe(true);
    expect(ability.can('read', asSubject('ClientData', { teamId: TEAM_B }))).toBe(false);
    expect(ability.can('read', 'ClientData')).toBe(false);
  });

  it('gives an admin who is also a member the member rights of that team only', () => {
    const ability = abilityFor(actor({ orgAdmin: true, teams: new Map([[TEAM_A, ['chair']]]) }));
    expect(ability.can('read', asSubject('ClientData', { teamId: TEAM_A }))).toBe(true);
    expect(ability.can('read', asSubject('ClientData', { teamId: TEAM_B }))).toBe(false);
  });

  it('opens a case to its team and to its casusregisseur and procesregisseur only', () => {
    const kase = (
      teamId: string,
      casusregisseurId = 'x',
      procesregisseurId: string | null = null,
    ) => asSubject('Case', { teamId, casusregisseurId, procesregisseurId });
    const member = abilityFor(actor({ teams: new Map([[TEAM_A, ['member']]]) }));
    expect(member.can('read', kase(TEAM_A))).toBe(true);
    expect(member.can('update', kase(TEAM_A))).toBe(true);
    expect(member.can('read', kase(TEAM_B))).toBe(false);
    expect(member.can('update', asSubject('ClientData', { teamId: TEAM_A }))).toBe(true);
    const regisseur = abilityFor(actor({ userId: 'r', teams: new Map([[TEAM_B, ['member']]]) }));
    expect(regisseur.can('read', kase(TEAM_A, 'r'))).toBe(true);
    expect(regisseur.can('update', kase(TEAM_A, 'x', 'r'))).toBe(true);
    expect(regisseur.can('read', kase(TEAM_A, 'x', 'y'))).toBe(false);
    expect(regisseur.can('read', asSubject('ClientData', { teamId: TEAM_A }))).toBe(false);
    const admin = abilityFor(actor({ orgAdmin: true }));
    expect(admin.can('read', kase(TEAM_A))).toBe(false);
  });

  it('builds the ability of an actor once, and a new one for another actor', () => {
    const member = actor({ teams: new Map([[TEAM_A, ['member']]]) });
    expect(abilityFor(member)).toBe(abilityFor(member));
    const other = actor({ teams: new Map([[TEAM_B, ['member']]]) });
    expect(abilityFor(other)).not.toBe(abilityFor(member));
    expect(abilityFor(other).can('read', asSubject('Meeting', { teamId: TEAM_B }))).toBe(true);
    expect(abilityFor(other).can('read', asSubject('Meeting', { teamId: TEAM_A }))).toBe(false);
  });
});
