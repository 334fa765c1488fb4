import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TeamRole } from '@casustafel/contracts';
import { abilityFor, asSubject, type PolicyAction } from '../../common/access/policy';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseEntity } from './case.entity';
import { ConsentService } from './consent.service';
import { HouseholdEntity } from './household.entity';

/** The kind of case-file data a call touches, as recorded in the audit trail. */
export interface AuditObject {
  type: string;
  id: string | null;
}

/** Purpose code of day-to-day case-file work in the audit trail. */
export const CASE_FILE_PURPOSE = 'casusregie';

/** What the regisseur rule needs of an account. */
export interface RegisseurAccount {
  id: string;
  organisationId: string;
  kind: 'staff' | 'guest' | 'family' | 'conference';
  orgAdmin: boolean;
  disabledAt: Date | null;
}

/**
 * Why an account may not be casusregisseur or procesregisseur of a case of `teamId` (an issue
 * code), or null when it may: a regisseur reads the whole case file, so only a professional
 * account of the case's team whose roles the policy lets hold the team's client data. Guests,
 * organisation administrators (need-to-know: no client data by that role) and disabled
 * accounts never qualify.
 */
export function regisseurRefusal(
  user: RegisseurAccount,
  teamId: string,
  roles: readonly TeamRole[] | null,
): string | null {
  if (user.kind !== 'staff') return 'guest';
  if (user.disabledAt !== null) return 'disabled';
  if (user.orgAdmin) return 'org-admin';
  if (roles === null) return 'not-a-member';
  const probe: Actor = {
    userId: user.id,
    sessionId: '',
    organisationId: user.organisationId,
    orgAdmin: false,
    teams: new Map([[teamId, roles]]),
    secondFactorPassed: true,
    guest: null,
    family: null,
    conference: null,
  };
  if (!abilityFor(probe).can('read', asSubject('ClientData', { teamId })))
    return 'no-client-data-role';
  return null;
}

/** Same answer for "does not exist" and "not yours": existence is need-to-know too. */
const CASE_FILE = 'this case file';

/**
 * Need-to-know for the case file: a household is its team's; a case is its team's and its
 * casusregisseur's and procesregisseur's. Every check notes the audit details first (object,
 * the household as clientId, the team, the consent that covers the work), so a refusal is
 * recorded as denied with the client concerned.
 */
@Injectable()
export class CaseFileAccess {
  constructor(
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    private readonly consents: ConsentService,
    private readonly clock: Clock,
  ) {}

  /** A team's client data (lists, creating a household or case in it). */
  team(actor: Actor, teamId: string, action: PolicyAction, object: AuditObject): void {
    RequestContext.note({
      objectType: object.type,
      objectId: object.id,
      purpose: CASE_FILE_PURPOSE,
      context: { teamId },
    });
    if (!abilityFor(actor).can(action, asSubject('ClientData', { teamId })))
      throw forbidden(CASE_FILE);
  }

  async household(
    actor: Actor,
    householdId: string,
    action: PolicyAction,
    object: AuditObject = { type: 'household', id: householdId },
  ): Promise<HouseholdEntity> {
    RequestContext.note({
      objectType: object.type,
      objectId: object.id,
      purpose: CASE_FILE_PURPOSE,
    });
    const household = await this.households.findOneBy({ id: householdId });
    if (!household) throw forbidden(CASE_FILE);
    RequestContext.note({ clientId: household.id, context: { teamId: household.teamId } });
    if (!abilityFor(actor).can(action, asSubject('ClientData', { teamId: household.teamId })))
      throw forbidden(CASE_FILE);
    await this.noteLegalBasis(household.id);
    return household;
  }

  async case(
    actor: Actor,
    caseId: string,
    action: PolicyAction,
    object: AuditObject = { type: 'case', id: caseId },
  ): Promise<CaseEntity> {
    RequestContext.note({
      objectType: object.type,
      objectId: object.id,
      purpose: CASE_FILE_PURPOSE,
    });
    const found = await this.cases.findOneBy({ id: caseId });
    if (!found) throw forbidden(CASE_FILE);
    RequestContext.note({
      clientId: found.householdId,
      context: { teamId: found.teamId, caseId: found.id },
    });
    if (!this.mayCase(actor, found, action)) throw forbidden(CASE_FILE);
    await this.noteLegalBasis(found.householdId);
    return found;
  }

  /**
   * The policy's case rule, and never through a regisseur field alone: the regisseur relation
   * counts only for someone who may hold the case team's client data, so a regisseur assigned
   * before the rule (a guest, an administrator, a member of another team) reads nothing.
   */
  mayCase(actor: Actor, c: CaseEntity, action: PolicyAction): boolean {
    if (actor.guest || actor.family || actor.conference) return false;
    const ability = abilityFor(actor);
    return (
      ability.can(
        action,
        asSubject('Case', {
          teamId: c.teamId,
          casusregisseurId: c.casusregisseurId,
          procesregisseurId: c.procesregisseurId,
        }),
      ) && ability.can('read', asSubject('ClientData', { teamId: c.teamId }))
    );
  }

  /** For a call about an object that does not exist (or is not reachable): refuse. */
  refuse(object: AuditObject): never {
    RequestContext.note({
      objectType: object.type,
      objectId: object.id,
      purpose: CASE_FILE_PURPOSE,
    });
    throw forbidden(CASE_FILE);
  }

  /** Records which consent (purpose mdo) covers the work, if one does. */
  async noteLegalBasis(householdId: string): Promise<void> {
    const coverage = await this.consents.coverage(householdId, 'mdo', this.clock.now());
    RequestContext.note({ legalBasis: coverage.validConsentIds[0] ?? null });
  }
}
