import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  createCaseSchema,
  createPreparationSchema,
  createZrmAssessmentSchema as createZrmRequestSchema,
  MeldcodeRecordView,
  MeldcodeStepRequest,
  Preparation,
  PreparationComment,
  PreparationContent,
  RegisseurCandidate,
  updateCaseSchema,
  ValidationIssue,
  ZrmAssessment,
} from '@casustafel/contracts';
import {
  allowedTransitions,
  applyStep,
  canMarkReady,
  casePreparationContentSchema,
  createZrmAssessmentSchema,
  isSafetyMarkerActive,
  isZrmStale,
  leadTimes,
  type MeldcodeStepInput,
  newMeldcodeRecord,
  nextAllowedSteps,
  transition,
  ZRM_DOMAIN_KEYS_2013,
  ZRM_DOMAIN_KEYS_2017,
} from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, invalid } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { validationIssues } from '../../common/validation/issue-path';

/** ZRM domain names (both versions) may be named in validation details; other keys may not. */
const ZRM_DOMAIN_KEYS: ReadonlySet<string> = new Set([
  ...ZRM_DOMAIN_KEYS_2017,
  ...ZRM_DOMAIN_KEYS_2013,
]);
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { CaseFileAccess, regisseurRefusal } from './case-file-access';
import type { CaseStatus } from './case-file.types';
import {
  CaseEntity,
  CaseStatusChangeEntity,
  MeldcodeRecordEntity,
  PreparationCommentEntity,
  PreparationEntity,
  ZrmAssessmentEntity,
} from './case.entity';
import { ConsentService } from './consent.service';
import { HouseholdEntity } from './household.entity';

type CreateCase = z.output<typeof createCaseSchema>;
type UpdateCase = z.output<typeof updateCaseSchema>;
type CreateZrm = z.output<typeof createZrmRequestSchema>;
type CreatePreparation = z.output<typeof createPreparationSchema>;
type UserRef = { id: string; displayName: string };

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Cases: status lifecycle, ZRM assessments, the Meldcode record and case preparations. */
@Injectable()
export class CasesService {
  constructor(
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    @InjectRepository(CaseStatusChangeEntity)
    private readonly statusChanges: Repository<CaseStatusChangeEntity>,
    @InjectRepository(ZrmAssessmentEntity)
    private readonly zrm: Repository<ZrmAssessmentEntity>,
    @InjectRepository(MeldcodeRecordEntity)
    private readonly meldcode: Repository<MeldcodeRecordEntity>,
    @InjectRepository(PreparationEntity)
    private readonly preparations: Repository<PreparationEntity>,
    @InjectRepository(PreparationCommentEntity)
    private readonly comments: Repository<PreparationCommentEntity>,
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity)
    private readonly memberships: Repository<MembershipEntity>,
    private readonly access: CaseFileAccess,
    private readonly consents: ConsentService,
    private readonly clock: Clock,
  ) {}

  /* ---------- cases ---------- */

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
    const summaries = await this.summaries(found);
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
    return this.detailOf(created);
  }

  async detail(actor: Actor, caseId: string): Promise<CaseDetail> {
    return this.detailOf(await this.access.case(actor, caseId, 'read'));
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
    return this.detailOf(await this.cases.save(found));
  }

  async changeStatus(actor: Actor, caseId: string, to: CaseStatus): Promise<CaseDetail> {
    const found = await this.access.case(actor, caseId, 'update');
    const now = this.clock.now();
    const history = await this.history(found.id);
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
    return this.detailOf(found);
  }

  /* ---------- ZRM ---------- */

  async addZrm(actor: Actor, caseId: string, input: CreateZrm): Promise<ZrmAssessment> {
    const found = await this.access.case(actor, caseId, 'update', {
      type: 'zrm-assessment',
      id: null,
    });
    // The domain's rules in full (every domain of the version, sources, dates, zwaartefactoren);
    // the explanation per domain is the api's addition and is kept beside the scores.
    const zrmSchema = createZrmAssessmentSchema({ now: () => this.clock.now() });
    const domainResult = zrmSchema.safeParse({
      version: input.version,
      assessedAt: input.assessedAt,
      domains: Object.fromEntries(
        Object.entries(input.domains).map(([key, d]) => [
          key,
          { score: d.score, indicators: d.indicators, sources: d.sources },
        ]),
      ),
      zwaartefactoren: input.zwaartefactoren,
    });
    if (!domainResult.success) {
      throw invalid(
        validationIssues(
          domainResult.error.issues,
          zrmSchema,
          (issue) => (issue.code === 'custom' ? issue.message : issue.code),
          ZRM_DOMAIN_KEYS,
        ),
      );
    }
    const assessment = domainResult.data;
    const domains = Object.fromEntries(
      Object.entries(assessment.domains).map(([key, d]) => [
        key,
        { ...d, toelichting: input.domains[key]?.toelichting ?? '' },
      ]),
    );
    const now = this.clock.now();
    const saved = await this.zrm.save(
      this.zrm.create({
        caseId: found.id,
        version: assessment.version,
        assessedAt: assessment.assessedAt,
        assessorId: actor.userId,
        domains,
        zwaartefactoren: assessment.zwaartefactoren as Record<string, unknown>,
        createdAt: now,
      }),
    );
    RequestContext.note({ objectId: saved.id });
    await this.touchCase(found.id);
    const users = await this.userRefs([actor.userId]);
    return this.toZrm(saved, users, now);
  }

  /* ---------- Meldcode ---------- */

  async openMeldcode(actor: Actor, caseId: string): Promise<MeldcodeRecordView> {
    const found = await this.access.case(actor, caseId, 'update', {
      type: 'meldcode-record',
      id: null,
    });
    const open = await this.meldcode.findOneBy({ caseId: found.id, closedAt: IsNull() });
    if (open) {
      throw conflict('open-record-exists', 'caseId');
    }
    const now = this.clock.now();
    const saved = await this.meldcode.save(
      this.meldcode.create({
        caseId: found.id,
        openedAt: now,
        openedBy: actor.userId,
        state: newMeldcodeRecord(),
        closedAt: null,
        updatedAt: now,
      }),
    );
    RequestContext.note({ objectId: saved.id });
    await this.touchCase(found.id);
    return this.toMeldcode(saved);
  }

  async meldcodeStep(
    actor: Actor,
    recordId: string,
    input: MeldcodeStepRequest,
  ): Promise<MeldcodeRecordView> {
    const object = { type: 'meldcode-record', id: recordId };
    const record = await this.meldcode.findOneBy({ id: recordId });
    if (!record) this.access.refuse(object);
    await this.access.case(actor, record.caseId, 'update', object);
    const now = this.clock.now();
    const entry = { ...input, by: actor.userId } as MeldcodeStepInput;
    const result = applyStep(record.state, entry, now);
    if (!result.ok) {
      throw conflict(result.error, 'step');
    }
    record.state = result.record;
    record.closedAt = result.record.closedAt ? new Date(result.record.closedAt) : null;
    record.updatedAt = now;
    const saved = await this.meldcode.save(record);
    await this.touchCase(record.caseId);
    return this.toMeldcode(saved);
  }

  /* ---------- preparations ---------- */

  async addPreparation(
    actor: Actor,
    caseId: string,
    input: CreatePreparation,
  ): Promise<Preparation> {
    const found = await this.access.case(actor, caseId, 'update', {
      type: 'preparation',
      id: null,
    });
    const now = this.clock.now();
    const saved = await this.preparations.save(
      this.preparations.create({
        caseId: found.id,
        status: 'draft',
        meetingDate: input.meetingDate,
        content: input.content as Record<string, unknown>,
        authorId: actor.userId,
        createdAt: now,
        updatedAt: now,
        readyAt: null,
      }),
    );
    RequestContext.note({ objectId: saved.id });
    await this.touchCase(found.id);
    return this.preparationView(saved);
  }

  async updatePreparation(
    actor: Actor,
    preparationId: string,
    content: z.output<typeof casePreparationContentSchema>,
  ): Promise<Preparation> {
    const preparation = await this.preparationFor(actor, preparationId);
    preparation.content = content as Record<string, unknown>;
    // Editing a ready preparation returns it to draft: the team must see it anew.
    preparation.status = 'draft';
    preparation.readyAt = null;
    preparation.updatedAt = this.clock.now();
    return this.preparationView(await this.preparations.save(preparation));
  }

  async markReady(actor: Actor, preparationId: string): Promise<Preparation> {
    const preparation = await this.preparationFor(actor, preparationId);
    const missing = canMarkReady(preparation.content as { vraag?: string });
    if (missing.length > 0)
      throw invalid(missing.map((path) => ({ path, issue: 'required-for-ready' })));
    if (preparation.status !== 'ready') {
      const now = this.clock.now();
      preparation.status = 'ready';
      preparation.readyAt = now;
      preparation.updatedAt = now;
      await this.preparations.save(preparation);
    }
    return this.preparationView(preparation);
  }

  async markDraft(actor: Actor, preparationId: string): Promise<Preparation> {
    const preparation = await this.preparationFor(actor, preparationId);
    if (preparation.status !== 'draft') {
      preparation.status = 'draft';
      preparation.readyAt = null;
      preparation.updatedAt = this.clock.now();
      await this.preparations.save(preparation);
    }
    return this.preparationView(preparation);
  }

  async comment(actor: Actor, preparationId: string, text: string): Promise<PreparationComment> {
    const preparation = await this.preparationFor(actor, preparationId, 'read');
    const saved = await this.comments.save(
      this.comments.create({
        preparationId: preparation.id,
        authorId: actor.userId,
        text,
        createdAt: this.clock.now(),
      }),
    );
    // Extend the context noted by the access check (teamId, caseId): the audit role needs the team.
    RequestContext.note({
      context: { ...RequestContext.current()?.audit.context, preparationId: preparation.id },
    });
    const users = await this.userRefs([actor.userId]);
    return this.toComment(saved, users);
  }

  /* ---------- helpers ---------- */

  private async preparationFor(
    actor: Actor,
    preparationId: string,
    action: 'read' | 'update' = 'update',
  ): Promise<PreparationEntity> {
    const object = { type: 'preparation', id: preparationId };
    const preparation = await this.preparations.findOneBy({ id: preparationId });
    if (!preparation) this.access.refuse(object);
    await this.access.case(actor, preparation.caseId, action, object);
    return preparation;
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

  private async touchCase(caseId: string): Promise<void> {
    await this.cases.update({ id: caseId }, { updatedAt: this.clock.now() });
  }

  private async history(caseId: string): Promise<CaseStatusChangeEntity[]> {
    return this.statusChanges.find({ where: { caseId }, order: { at: 'ASC', id: 'ASC' } });
  }

  private async userRefs(ids: (string | null)[]): Promise<Map<string, UserRef>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (unique.length === 0) return new Map();
    const users = await this.users.find({
      where: { id: In(unique) },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }

  private ref(users: Map<string, UserRef>, id: string): UserRef {
    return users.get(id) ?? { id, displayName: '' };
  }

  private async summaries(found: CaseEntity[]): Promise<CaseSummary[]> {
    if (found.length === 0) return [];
    const ids = found.map((c) => c.id);
    const [households, users, records] = await Promise.all([
      this.households.find({
        where: { id: In([...new Set(found.map((c) => c.householdId))]) },
        select: { id: true, label: true },
      }),
      this.userRefs(found.map((c) => c.casusregisseurId)),
      this.meldcode.find({ where: { caseId: In(ids) } }),
    ]);
    const labels = new Map(households.map((h) => [h.id, h.label]));
    const marked = new Set(
      records.filter((r) => isSafetyMarkerActive(r.state)).map((r) => r.caseId),
    );
    return found.map((c) =>
      this.summaryOf(c, labels.get(c.householdId) ?? '', users, marked.has(c.id)),
    );
  }

  private summaryOf(
    c: CaseEntity,
    householdLabel: string,
    users: Map<string, UserRef>,
    safetyMarker: boolean,
  ): CaseSummary {
    return {
      id: c.id,
      teamId: c.teamId,
      householdId: c.householdId,
      householdLabel,
      title: c.title,
      status: c.status,
      casusregisseur: this.ref(users, c.casusregisseurId),
      safetyMarker,
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  private async detailOf(c: CaseEntity): Promise<CaseDetail> {
    const now = this.clock.now();
    const fresh = (await this.cases.findOneBy({ id: c.id })) ?? c;
    const [household, history, zrm, records, preparations, coverage] = await Promise.all([
      this.households.findOneBy({ id: fresh.householdId }),
      this.history(fresh.id),
      this.zrm.find({
        where: { caseId: fresh.id },
        order: { assessedAt: 'ASC', createdAt: 'ASC' },
      }),
      this.meldcode.find({ where: { caseId: fresh.id }, order: { openedAt: 'ASC' } }),
      this.preparations.find({ where: { caseId: fresh.id }, order: { createdAt: 'ASC' } }),
      this.consents.coverage(fresh.householdId, 'mdo', now),
    ]);
    const comments = preparations.length
      ? await this.comments.find({
          where: { preparationId: In(preparations.map((p) => p.id)) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    const users = await this.userRefs([
      fresh.casusregisseurId,
      fresh.procesregisseurId,
      fresh.casusregisseurAssignedBy,
      fresh.procesregisseurAssignedBy,
      ...zrm.map((z) => z.assessorId),
      ...preparations.map((p) => p.authorId),
      ...comments.map((x) => x.authorId),
    ]);
    const statusHistory = history.map((h) => ({ status: h.status, at: h.at.toISOString() }));
    const times = leadTimes(statusHistory);
    const meldcode = records.map((r) => this.toMeldcode(r));
    return {
      ...this.summaryOf(
        fresh,
        household?.label ?? '',
        users,
        records.some((r) => isSafetyMarkerActive(r.state)),
      ),
      procesregisseur: fresh.procesregisseurId ? this.ref(users, fresh.procesregisseurId) : null,
      casusregisseurAssignment: {
        since: fresh.casusregisseurSince?.toISOString() ?? null,
        assignedBy: fresh.casusregisseurAssignedBy
          ? this.ref(users, fresh.casusregisseurAssignedBy)
          : null,
      },
      procesregisseurAssignment: fresh.procesregisseurId
        ? {
            since: fresh.procesregisseurSince?.toISOString() ?? null,
            assignedBy: fresh.procesregisseurAssignedBy
              ? this.ref(users, fresh.procesregisseurAssignedBy)
              : null,
          }
        : null,
      involved: fresh.involved,
      statusHistory: history.map((h) => ({
        status: h.status,
        at: h.at.toISOString(),
        byUserId: h.byUserId,
      })),
      allowedTransitions: [...allowedTransitions(fresh.status)],
      leadTimes: {
        aanmeldingToPlan: times.aanmeldingToPlan,
        aanmeldingToAfgesloten: times.aanmeldingToAfgesloten,
      },
      consentCoverage: coverage,
      zrm: zrm.map((z) => this.toZrm(z, users, now)),
      meldcode,
      preparations: preparations.map((p) =>
        this.toPreparation(
          p,
          users,
          comments.filter((x) => x.preparationId === p.id),
          zrm,
          now,
        ),
      ),
    };
  }

  private toZrm(z: ZrmAssessmentEntity, users: Map<string, UserRef>, now: Date): ZrmAssessment {
    return {
      id: z.id,
      caseId: z.caseId,
      version: z.version,
      assessedAt: z.assessedAt,
      assessor: this.ref(users, z.assessorId),
      domains: z.domains as ZrmAssessment['domains'],
      zwaartefactoren: z.zwaartefactoren,
      stale: isZrmStale(z.assessedAt, now),
      createdAt: z.createdAt.toISOString(),
    };
  }

  private toMeldcode(r: MeldcodeRecordEntity): MeldcodeRecordView {
    return {
      id: r.id,
      caseId: r.caseId,
      openedAt: r.openedAt.toISOString(),
      openedBy: r.openedBy,
      closedAt: r.closedAt?.toISOString() ?? null,
      entries: r.state.entries.map((e) => ({ ...e })),
      nextAllowedSteps: nextAllowedSteps(r.state),
      safetyMarker: isSafetyMarkerActive(r.state),
    };
  }

  private toComment(c: PreparationCommentEntity, users: Map<string, UserRef>): PreparationComment {
    return {
      id: c.id,
      author: this.ref(users, c.authorId),
      text: c.text,
      createdAt: c.createdAt.toISOString(),
    };
  }

  private async preparationView(p: PreparationEntity): Promise<Preparation> {
    const [comments, zrm] = await Promise.all([
      this.comments.find({
        where: { preparationId: p.id },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
      this.zrm.find({ where: { caseId: p.caseId } }),
    ]);
    const users = await this.userRefs([p.authorId, ...comments.map((c) => c.authorId)]);
    return this.toPreparation(p, users, comments, zrm, this.clock.now());
  }

  private toPreparation(
    p: PreparationEntity,
    users: Map<string, UserRef>,
    comments: PreparationCommentEntity[],
    zrm: ZrmAssessmentEntity[],
    now: Date,
  ): Preparation {
    const content = p.content as PreparationContent;
    const referenced = content.zrmAssessmentId
      ? zrm.find((z) => z.id === content.zrmAssessmentId)
      : undefined;
    return {
      id: p.id,
      caseId: p.caseId,
      status: p.status,
      meetingDate: p.meetingDate,
      content: p.content,
      missingForReady: canMarkReady(content),
      zrmStale: referenced ? isZrmStale(referenced.assessedAt, now) : false,
      author: this.ref(users, p.authorId),
      comments: comments.map((c) => this.toComment(c, users)),
      updatedAt: p.updatedAt.toISOString(),
      readyAt: p.readyAt?.toISOString() ?? null,
    };
  }
}
