import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type {
  CaseDetail,
  CaseSummary,
  MeldcodeRecordView,
  Preparation,
  PreparationComment,
  PreparationContent,
  ZrmAssessment,
} from '@casustafel/contracts';
import {
  allowedTransitions,
  canMarkReady,
  isSafetyMarkerActive,
  isZrmStale,
  leadTimes,
  nextAllowedSteps,
} from '@casustafel/domain';
import { Clock } from '../../common/time/clock';
import { UserEntity } from '../identity/user.entity';
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

type UserRef = { id: string; displayName: string };
type UserRefs = Map<string, UserRef>;

const ref = (users: UserRefs, id: string): UserRef => users.get(id) ?? { id, displayName: '' };

export function toZrm(z: ZrmAssessmentEntity, users: UserRefs, now: Date): ZrmAssessment {
  return {
    id: z.id,
    caseId: z.caseId,
    version: z.version,
    assessedAt: z.assessedAt,
    assessor: ref(users, z.assessorId),
    domains: z.domains as ZrmAssessment['domains'],
    zwaartefactoren: z.zwaartefactoren,
    stale: isZrmStale(z.assessedAt, now),
    createdAt: z.createdAt.toISOString(),
  };
}

export function toMeldcode(r: MeldcodeRecordEntity): MeldcodeRecordView {
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

export function toComment(c: PreparationCommentEntity, users: UserRefs): PreparationComment {
  return {
    id: c.id,
    author: ref(users, c.authorId),
    text: c.text,
    createdAt: c.createdAt.toISOString(),
  };
}

function toPreparation(
  p: PreparationEntity,
  users: UserRefs,
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
    author: ref(users, p.authorId),
    comments: comments.map((c) => toComment(c, users)),
    updatedAt: p.updatedAt.toISOString(),
    readyAt: p.readyAt?.toISOString() ?? null,
  };
}

function summaryOf(
  c: CaseEntity,
  householdLabel: string,
  users: UserRefs,
  safetyMarker: boolean,
): CaseSummary {
  return {
    id: c.id,
    teamId: c.teamId,
    householdId: c.householdId,
    householdLabel,
    title: c.title,
    status: c.status,
    casusregisseur: ref(users, c.casusregisseurId),
    safetyMarker,
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * The case file as the client reads it: a case's summary and detail (with its ZRM, Meldcode and
 * preparation sections), and the reads every case-file service shares (user names, history).
 */
@Injectable()
export class CaseViews {
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
    private readonly consents: ConsentService,
    private readonly clock: Clock,
  ) {}

  /** A change to a section (ZRM, Meldcode, preparation) is a change to the case. */
  async touchCase(caseId: string): Promise<void> {
    await this.cases.update({ id: caseId }, { updatedAt: this.clock.now() });
  }

  async history(caseId: string): Promise<CaseStatusChangeEntity[]> {
    return this.statusChanges.find({ where: { caseId }, order: { at: 'ASC', id: 'ASC' } });
  }

  async userRefs(ids: (string | null)[]): Promise<UserRefs> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (unique.length === 0) return new Map();
    const users = await this.users.find({
      where: { id: In(unique) },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }

  async summaries(found: CaseEntity[]): Promise<CaseSummary[]> {
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
    return found.map((c) => summaryOf(c, labels.get(c.householdId) ?? '', users, marked.has(c.id)));
  }

  async detail(c: CaseEntity): Promise<CaseDetail> {
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
    const meldcode = records.map((r) => toMeldcode(r));
    return {
      ...summaryOf(
        fresh,
        household?.label ?? '',
        users,
        records.some((r) => isSafetyMarkerActive(r.state)),
      ),
      procesregisseur: fresh.procesregisseurId ? ref(users, fresh.procesregisseurId) : null,
      casusregisseurAssignment: {
        since: fresh.casusregisseurSince?.toISOString() ?? null,
        assignedBy: fresh.casusregisseurAssignedBy
          ? ref(users, fresh.casusregisseurAssignedBy)
          : null,
      },
      procesregisseurAssignment: fresh.procesregisseurId
        ? {
            since: fresh.procesregisseurSince?.toISOString() ?? null,
            assignedBy: fresh.procesregisseurAssignedBy
              ? ref(users, fresh.procesregisseurAssignedBy)
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
      zrm: zrm.map((z) => toZrm(z, users, now)),
      meldcode,
      preparations: preparations.map((p) =>
        toPreparation(
          p,
          users,
          comments.filter((x) => x.preparationId === p.id),
          zrm,
          now,
        ),
      ),
    };
  }

  async preparation(p: PreparationEntity): Promise<Preparation> {
    const [comments, zrm] = await Promise.all([
      this.comments.find({
        where: { preparationId: p.id },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
      this.zrm.find({ where: { caseId: p.caseId } }),
    ]);
    const users = await this.userRefs([p.authorId, ...comments.map((c) => c.authorId)]);
    return toPreparation(p, users, comments, zrm, this.clock.now());
  }
}
