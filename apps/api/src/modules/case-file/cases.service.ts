import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  createCaseSchema,
  RegisseurCandidate,
  updateCaseSchema,
  ValidationIssue,
} from '@casustafel/contracts';
import { transition } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, invalid } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { CaseFileAccess, regisseurRefusal } from './case-file-access';
import type { CaseStatus } from './case-file.types';
import { CaseViews } from './case-views';
import { CaseEntity, CaseStatusChangeEntity } from './case.entity';
import { HouseholdEntity } from './household.entity';

type CreateCase = z.output<typeof createCaseSchema>;
type UpdateCase = z.output<typeof updateCaseSchema>;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Cases: the list, the case itself, its regisseurs and its status lifecycle. Its sections have
 * their own services (ZRM, Meldcode, preparations), the views are read by CaseViews.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity)
    private readonly memberships: Repository<MembershipEntity>,
    private readonly access: CaseFileAccess,
    private readonly views: CaseViews,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, teamId: string, query: CaseListQuery): Promise<CaseSummary[]> {
    this.access.team(actor, teamId, 'read', { type: 'case', id: null });
    const qb = this.cases
      .createQueryBuilder('c')
      .innerJoin(HouseholdEntity, 'h', 'h.id = c.householdId')
      .where('c.teamId = :teamId', { teamId })
      .orderBy('c.updatedAt', 'DESC')
      .addOrderBy('c.id', 'ASC');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.regisseurId)
      qb.andWhere('(c.casusregisseurId = :rid OR c.procesregisseurId = :rid)', {
        rid: query.regisseurId,
      });
    if (query.q) {
      qb.andWhere("(c.title ILIKE :q ESCAPE '\\' OR h.label ILIKE :q ESCAPE '\\')", {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    const found = await qb.getMany();
    const summaries = await this.views.summaries(found);
    return query.safety === 'ja' ? summaries.filter((s) => s.safetyMarker) : summaries;
  }

  async create(actor: Actor, teamId: string, input: CreateCase): Promise<CaseDetail> {
    this.access.team(actor, teamId, 'create', { type: 'case', id: null });
    const household = await this.households.findOneBy({ id: input.householdId });
    const issues: ValidationIssue[] = [];
    if (!household || household.teamId !== teamId)
      issues.push({ path: 'householdId', issue: 'not-in-team' });
    if (issues.length > 0) throw invalid(issues);
    await this.assertRegisseurs(teamId, {
      casusregisseurId: input.casusregisseurId,
      procesregisseurId: input.procesregisseurId,
    });
    RequestContext.note({ clientId: input.householdId });
    const now = this.clock.now();
    const created = await this.cases.manager.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(CaseEntity, {
          teamId,
          householdId: input.householdId,
          title: input.title,
          casusregisseurId: input.casusregisseurId,
          casusregisseurSince: now,
          casusregisseurAssignedBy: actor.userId,
          procesregisseurId: input.procesregisseurId,
          procesregisseurSince: input.procesregisseurId ? now : null,
          procesregisseurAssignedBy: input.procesregisseurId ? actor.userId : null,
          involved: [],
          status: 'aanmelding',
          createdAt: now,
          updatedAt: now,
        }),
      );
      await tx.save(
        tx.create(CaseStatusChangeEntity, {
          caseId: saved.id,
          status: 'aanmelding',
          at: now,
          byUserId: actor.userId,
        }),
      );
      return saved;
    });
    RequestContext.note({
      objectId: created.id,
      context: {
        teamId,
        caseId: created.id,
        casusregisseurId: created.casusregisseurId,
        ...(created.procesregisseurId ? { procesregisseurId: created.procesregisseurId } : {}),
      },
    });
    await this.access.noteLegalBasis(created.householdId);
    return this.views.detail(created);
  }

  async detail(actor: Actor, caseId: string): Promise<CaseDetail> {
    return this.views.detail(await this.access.case(actor, caseId, 'read'));
  }

  async update(actor: Actor, caseId: string, input: UpdateCase): Promise<CaseDetail> {
    const found = await this.access.case(actor, caseId, 'update');
    const casusChanged =
      input.casusregisseurId !== undefined && input.casusregisseurId !== found.casusregisseurId;
    const procesChanged =
      input.procesregisseurId !== undefined && input.procesregisseurId !== found.procesregisseurId;
    await this.assertRegisseurs(found.teamId, {
      casusregisseurId: casusChanged ? input.casusregisseurId : undefined,
      procesregisseurId: procesChanged ? input.procesregisseurId : undefined,
    });
    const now = this.clock.now();
    if (input.title !== undefined) found.title = input.title;
    if (casusChanged && input.casusregisseurId !== undefined) {
      found.casusregisseurId = input.casusregisseurId;
      found.casusregisseurSince = now;
      found.casusregisseurAssignedBy = actor.userId;
    }
    if (procesChanged && input.procesregisseurId !== undefined) {
      found.procesregisseurId = input.procesregisseurId;
      found.procesregisseurSince = input.procesregisseurId ? now : null;
      found.procesregisseurAssignedBy = input.procesregisseurId ? actor.userId : null;
    }
    if (input.involved !== undefined) found.involved = input.involved;
    // The assignment in the audit trail: who (the actor), whom (these ids), which case.
    RequestContext.note({
      context: {
        teamId: found.teamId,
        caseId: found.id,
        ...(casusChanged ? { casusregisseurId: found.casusregisseurId } : {}),
        ...(procesChanged && found.procesregisseurId
          ? { procesregisseurId: found.procesregisseurId }
          : {}),
      },
    });
    found.updatedAt = now;
    return this.views.detail(await this.cases.save(found));
  }

  async changeStatus(actor: Actor, caseId: string, to: CaseStatus): Promise<CaseDetail> {
    const found = await this.access.case(actor, caseId, 'update');
    const now = this.clock.now();
    const history = await this.views.history(found.id);
    const result = transition(
      history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
      to,
      now,
    );
    if (!result.ok) {
      throw conflict(result.error, 'to');
    }
    await this.cases.manager.transaction(async (tx) => {
      await tx.save(
        tx.create(CaseStatusChangeEntity, {
          caseId: found.id,
          status: to,
          at: now,
          byUserId: actor.userId,
        }),
      );
      await tx.update(CaseEntity, { id: found.id }, { status: to, updatedAt: now });
    });
    found.status = to;
    found.updatedAt = now;
    return this.views.detail(found);
  }

  /**
   * Refuses any regisseur who may not hold this team's client data: only a professional
   * account (not a guest, not disabled, not an organisation administrator) that is a member of
   * the case's team with a role the policy lets read client data.
   */
  private async assertRegisseurs(
    teamId: string,
    wanted: {
      casusregisseurId?: string | undefined;
      procesregisseurId?: string | null | undefined;
    },
  ): Promise<void> {
    const issues: ValidationIssue[] = [];
    for (const path of ['casusregisseurId', 'procesregisseurId'] as const) {
      const userId = wanted[path];
      if (!userId) continue;
      const refusal = await this.regisseurRefusal(teamId, userId);
      if (refusal) issues.push({ path, issue: refusal });
    }
    if (issues.length > 0) {
      throw new DomainError(
        'REGISSEUR_NOT_ELIGIBLE',
        'A regisseur must be a professional of the case team who may hold client data',
        issues,
      );
    }
  }

  private async regisseurRefusal(teamId: string, userId: string): Promise<string | null> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) return 'unknown-user';
    const roles = (await this.memberships.findOneBy({ teamId, userId }))?.roles ?? null;
    return regisseurRefusal(user, teamId, roles);
  }

  /** Who may be regisseur of this team's cases (the pickers offer only them). */
  async regisseurCandidates(actor: Actor, teamId: string): Promise<RegisseurCandidate[]> {
    this.access.team(actor, teamId, 'read', { type: 'case', id: null });
    const members = await this.memberships.find({ where: { teamId }, relations: { user: true } });
    return members
      .filter((m) => m.user && regisseurRefusal(m.user, teamId, m.roles) === null)
      .map((m) => ({ id: m.userId, displayName: m.user?.displayName ?? '' }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  }
}
