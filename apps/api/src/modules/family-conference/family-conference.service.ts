import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { z } from 'zod';
import type {
  BottomLineView,
  ConferenceCommand,
  ConferenceSessionView,
  ConferenceStaffView,
  ConferenceSummary,
  ConferenceView,
  FamilyGroupPlanView,
  InvitationStatus,
  SessionCommandResult,
  SessionJoinResult,
  addBottomLineSchema,
  checkBottomLineSchema,
  recordFollowUpSchema,
  circleMemberInputSchema,
  createConferenceSchema,
  savePlanSchema,
  updateConferenceSchema,
} from '@casustafel/contracts';
import {
  bottomLineIssues,
  CONFERENCE_KIND_ID,
  type CircleRole,
  type ConferencePhase,
  type ConferenceRole,
  contributionTypeFor,
  FAMILY_CONFERENCE_KIND,
  followUpDate,
  followUpDueAt,
  isConferencePhase,
  itemTypeOfEntry,
  mayReadPlan,
  mayWritePlan,
  planIssues,
  planToday,
} from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, forbidden, invalidAt, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { LinkCodeSignIn, invalidLinkOrCode, linkTokenHash } from '../auth/link-code';
import { CaseFileAccess } from '../case-file/case-file-access';
import { HouseholdEntity, NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';
import { JobsService } from '../jobs/jobs.service';
import { LiveSessionService } from '../live-session/live-session.service';
import { SessionKinds } from '../live-session/session-kinds';
import { NotificationsService } from '../notifications/notifications.service';
import { PlanSourcesService } from '../support-plan/plan-sources.service';
import {
  BottomLineEntity,
  ConferenceInvitationEntity,
  ConferenceParticipantEntity,
  ConferencePlanEntity,
  FamilyConferenceEntity,
  type StoredPlanEntry,
} from './family-conference.entities';

type CreateInput = z.output<typeof createConferenceSchema>;
type UpdateInput = z.output<typeof updateConferenceSchema>;
type CircleInput = z.output<typeof circleMemberInputSchema>;
type PlanInput = z.output<typeof savePlanSchema>;
type CheckInput = z.output<typeof checkBottomLineSchema>;
type BottomLineInput = z.output<typeof addBottomLineSchema>;

/** The job that reminds the coordinator four weeks after acceptance. */
export const CONFERENCE_FOLLOW_UP_JOB = 'family-conference:follow-up';
/** Purpose code of everything done in or for a conference (audit trail). */
export const CONFERENCE_PURPOSE = 'familienetwerkberaad';
const OBJECT = 'family-conference';
const PLAN_OBJECT = 'family-conference-plan';
/** What a refusal names (the `what` of `forbidden`). */
const CONFERENCE = 'this conference';

/** Who the caller is in a conference, and the live phase it is in (read from the engine). */
export interface Seat {
  conference: FamilyConferenceEntity;
  role: ConferenceRole | 'team';
  phase: ConferencePhase | null;
}

const STAFF_ROLES: readonly ConferenceRole[] = ['coordinator', 'professional'];

/**
 * The familienetwerkberaad. The team prepares it for a household: the circle (from the
 * household and its ecogram, extended by hand), date and place as the family chose, an
 * independent coordinator, the bottom lines, and invitations by link + one-time code (the shared
 * rule of `LinkCodeSignIn`; a network member consents when signing in). The coordinator starts
 * it: a session of the `familienetwerkberaad` kind on the live engine, which enforces the phases
 * and besloten tijd for the socket and its own REST read; this module asks the engine for the
 * caller's role and phase before every read or write of the conference and its plan, so the same
 * lockout holds for the conference, the draft plan and its export. Acceptance imports the plan
 * into the household's support plan and queues the coordinator's four-week follow-up.
 */
@Injectable()
export class FamilyConferenceService implements OnModuleInit {
  private readonly logger = new Logger(FamilyConferenceService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseFileAccess,
    private readonly live: LiveSessionService,
    private readonly kinds: SessionKinds,
    private readonly linkCode: LinkCodeSignIn,
    private readonly plans: PlanSourcesService,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.kinds.register(FAMILY_CONFERENCE_KIND);
    this.jobs.work<{ conferenceId: string }>(CONFERENCE_FOLLOW_UP_JOB, (payload) =>
      this.followUp(payload.conferenceId),
    );
  }

  /* ---------- who may see what ---------- */

  private note(objectType: string, conference: FamilyConferenceEntity): void {
    RequestContext.note({
      objectType,
      objectId: conference.id,
      clientId: conference.householdId,
      purpose: CONFERENCE_PURPOSE,
      context: { teamId: conference.teamId },
    });
  }

  /**
   * The caller's seat: a circle member by their grant; staff as coordinator or professional of
   * the conference, or (not running) as a member of the household's team. While it runs, the
   * engine answers the role and phase — and refuses a role locked out of the phase (403).
   */
  private async seat(actor: Actor, conferenceId: string, objectType = OBJECT): Promise<Seat> {
    RequestContext.note({ objectType, objectId: conferenceId, purpose: CONFERENCE_PURPOSE });
    const conference = await this.db.manager.findOneBy(FamilyConferenceEntity, {
      id: conferenceId,
    });
    if (!conference) throw forbidden(CONFERENCE);
    this.note(objectType, conference);
    let role: ConferenceRole | 'team';
    if (actor.conference) {
      if (actor.conference.conferenceId !== conference.id) throw forbidden(CONFERENCE);
      role = actor.conference.role;
    } else {
      if (actor.guest || actor.family || actor.organisationId !== conference.organisationId)
        throw forbidden(CONFERENCE);
      const seat = await this.db.manager.findOne(ConferenceParticipantEntity, {
        where: { conferenceId, userId: actor.userId, role: In(STAFF_ROLES) },
      });
      if (seat) role = seat.role;
      else {
        await this.access.household(actor, conference.householdId, 'read', {
          type: objectType,
          id: conferenceId,
        });
        this.note(objectType, conference);
        role = 'team';
      }
    }
    let phase: ConferencePhase | null = null;
    if (conference.status === 'bezig' && conference.sessionId) {
      // A running conference is for those in it; its phase is the engine's.
      if (role === 'team') throw forbidden(CONFERENCE);
      const session = await this.live.readSession(actor, conference.sessionId);
      this.note(objectType, conference);
      phase = isConferencePhase(session.state.phase) ? session.state.phase : null;
    }
    return { conference, role, phase };
  }

  /**
   * Reads for staff are checked again after the read: a phase change to besloten tijd between
   * the check and the read must not let the family's first words slip out.
   */
  private async guarded<T>(
    actor: Actor,
    conferenceId: string,
    objectType: string,
    read: (seat: Seat) => Promise<T>,
    mayRead: (seat: Seat) => boolean = () => true,
  ): Promise<T> {
    const seat = await this.seat(actor, conferenceId, objectType);
    if (!mayRead(seat)) throw forbidden(CONFERENCE);
    const result = await read(seat);
    if (seat.role !== 'familie' && seat.role !== 'netwerk' && seat.conference.status === 'bezig') {
      const again = await this.seat(actor, conferenceId, objectType);
      if (!mayRead(again)) throw forbidden(CONFERENCE);
    }
    return result;
  }

  private staffOnly(seat: Seat): void {
    if (seat.role === 'familie' || seat.role === 'netwerk') throw forbidden(CONFERENCE);
  }

  /* ---------- preparation (the team) ---------- */

  async list(actor: Actor, householdId: string): Promise<ConferenceSummary[]> {
    await this.access.household(actor, householdId, 'read', { type: OBJECT, id: null });
    const rows = await this.db.manager.find(FamilyConferenceEntity, {
      where: { householdId },
      order: { createdAt: 'DESC' },
    });
    const names = await this.displayNames(rows.map((r) => r.coordinatorId));
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      question: r.question,
      startsAt: r.startsAt?.toISOString() ?? null,
      place: r.place,
      coordinator: names.get(r.coordinatorId) ?? '',
      acceptedAt: r.acceptedAt?.toISOString() ?? null,
    }));
  }

  async create(actor: Actor, householdId: string, input: CreateInput): Promise<ConferenceView> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: OBJECT,
      id: null,
    });
    const m = this.db.manager;
    const professionalIds = [
      ...new Set(input.professionalIds.length ? input.professionalIds : [actor.userId]),
    ];
    if (professionalIds.includes(input.coordinatorId))
      throw invalidAt('coordinatorId', 'coordinator-not-independent');
    const coordinator = await m.findOneBy(UserEntity, { id: input.coordinatorId });
    if (
      !coordinator ||
      coordinator.kind !== 'staff' ||
      coordinator.disabledAt !== null ||
      coordinator.organisationId !== actor.organisationId
    )
      throw invalidAt('coordinatorId', 'not-a-colleague');
    const professionals = await m.find(UserEntity, { where: { id: In(professionalIds) } });
    const members = await m.find(MembershipEntity, {
      where: { teamId: household.teamId, userId: In(professionalIds) },
    });
    professionalIds.forEach((id, i) => {
      if (!members.some((x) => x.userId === id))
        throw invalidAt(`professionalIds.${i}`, 'not-a-member');
    });
    for (const [i, c] of input.circle.entries())
      await this.checkCircleSource(householdId, c, `circle.${i}`);
    const now = this.clock.now();
    const id = await this.db.transaction(async (tx) => {
      const conference = await tx.save(
        tx.create(FamilyConferenceEntity, {
          organisationId: actor.organisationId,
          householdId,
          teamId: household.teamId,
          sessionId: null,
          status: 'voorbereiding',
          question: input.question,
          startsAt: input.startsAt ? new Date(input.startsAt) : null,
          place: input.place,
          coordinatorId: coordinator.id,
          createdBy: actor.userId,
          acceptedAt: null,
          acceptedBy: null,
          followUpOn: null,
          followUpSentAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      let position = 0;
      const participant = (p: Partial<ConferenceParticipantEntity>) =>
        tx.insert(ConferenceParticipantEntity, {
          conferenceId: conference.id,
          relation: '',
          userId: null,
          personId: null,
          networkPersonId: null,
          consentAt: null,
          position: position++,
          createdAt: now,
          ...p,
        } as ConferenceParticipantEntity);
      await participant({
        role: 'coordinator',
        name: coordinator.displayName,
        userId: coordinator.id,
      });
      for (const id of professionalIds)
        await participant({
          role: 'professional',
          name: professionals.find((u) => u.id === id)?.displayName ?? '',
          userId: id,
        });
      for (const c of input.circle)
        await participant({
          role: c.role,
          name: c.name,
          relation: c.relation,
          personId: c.personId,
          networkPersonId: c.networkPersonId,
        });
      for (const [i, text] of input.bottomLines.entries())
        await tx.insert(BottomLineEntity, {
          conferenceId: conference.id,
          position: i,
          text,
          met: null,
          note: '',
          checkedBy: null,
          checkedAt: null,
          createdBy: actor.userId,
          createdAt: now,
        });
      return conference.id;
    });
    RequestContext.note({ objectId: id });
    return this.read(actor, id);
  }

  /** A circle member taken from the household or its network must be of this household. */
  async checkCircleSource(householdId: string, c: CircleInput, path: string): Promise<void> {
    const at = (field: string) => (path === '' ? field : `${path}.${field}`);
    if (
      c.personId &&
      !(await this.db.manager.existsBy(PersonEntity, { id: c.personId, householdId }))
    )
      throw invalidAt(at('personId'), 'not-in-household');
    if (
      c.networkPersonId &&
      !(await this.db.manager.existsBy(NetworkPersonEntity, { id: c.networkPersonId, householdId }))
    )
      throw invalidAt(at('networkPersonId'), 'not-in-network');
  }

  /**
   * Staff acting on the conference: its coordinator or professionals (while it runs, as far as
   * the engine lets their role in), or a team member of the household who may change it.
   */
  async staffSeat(actor: Actor, conferenceId: string, objectType = OBJECT): Promise<Seat> {
    const seat = await this.seat(actor, conferenceId, objectType);
    this.staffOnly(seat);
    if (seat.role === 'team')
      await this.access.household(actor, seat.conference.householdId, 'update', {
        type: objectType,
        id: conferenceId,
      });
    this.note(objectType, seat.conference);
    return seat;
  }

  /** Preparation changes: the team or the coordinator, before the start. */
  async preparing(actor: Actor, conferenceId: string, objectType = OBJECT): Promise<Seat> {
    const seat = await this.staffSeat(actor, conferenceId, objectType);
    if (seat.conference.status !== 'voorbereiding') throw conflict('conference-started', 'status');
    return seat;
  }

  async update(actor: Actor, conferenceId: string, input: UpdateInput): Promise<ConferenceView> {
    const { conference } = await this.preparing(actor, conferenceId);
    await this.db.manager.update(
      FamilyConferenceEntity,
      { id: conference.id },
      {
        ...(input.question === undefined ? {} : { question: input.question }),
        ...(input.place === undefined ? {} : { place: input.place }),
        ...(input.startsAt === undefined
          ? {}
          : { startsAt: input.startsAt ? new Date(input.startsAt) : null }),
        updatedAt: this.clock.now(),
      },
    );
    return this.read(actor, conferenceId);
  }

  /** A bottom line is the professional's (or the team's) to set, before the start. */
  async addBottomLine(
    actor: Actor,
    conferenceId: string,
    input: BottomLineInput,
  ): Promise<ConferenceView> {
    const seat = await this.preparing(actor, conferenceId, 'bottom-line');
    if (seat.role === 'coordinator') throw forbidden(CONFERENCE);
    const position = await this.db.manager.countBy(BottomLineEntity, { conferenceId });
    await this.db.manager.insert(BottomLineEntity, {
      conferenceId,
      position,
      text: input.text,
      met: null,
      note: '',
      checkedBy: null,
      checkedAt: null,
      createdBy: actor.userId,
      createdAt: this.clock.now(),
    });
    return this.read(actor, conferenceId);
  }

  /**
   * The coordinator starts the conference: its session on the engine, with the coordinator,
   * the professionals and every invited member of the circle, in the information phase.
   */
  async start(actor: Actor, conferenceId: string): Promise<ConferenceView> {
    const { conference, role } = await this.preparing(actor, conferenceId);
    if (role !== 'coordinator') throw forbidden(CONFERENCE);
    const people = await this.db.manager.find(ConferenceParticipantEntity, {
      where: { conferenceId },
    });
    const members = people
      .filter((p): p is ConferenceParticipantEntity & { userId: string } => p.userId !== null)
      .map((p) => ({ userId: p.userId, role: p.role }));
    if (!members.some((p) => p.role === 'familie')) throw conflict('no-family-invited', 'circle');
    const sessionId = await this.live.createSession(CONFERENCE_KIND_ID, conference.teamId, members);
    const started = await this.db.manager.update(
      FamilyConferenceEntity,
      { id: conference.id, status: 'voorbereiding' },
      { status: 'bezig', sessionId, updatedAt: this.clock.now() },
    );
    if (!started.affected) throw conflict('conference-started', 'status');
    return this.read(actor, conferenceId);
  }

  /* ---------- the conference, for everyone in it ---------- */

  async read(actor: Actor, conferenceId: string): Promise<ConferenceView> {
    return this.guarded(actor, conferenceId, OBJECT, (seat) => this.view(seat));
  }

  private async view(seat: Seat): Promise<ConferenceView> {
    const { conference, role, phase } = seat;
    const m = this.db.manager;
    const [people, invitations, lines] = await Promise.all([
      m.find(ConferenceParticipantEntity, {
        where: { conferenceId: conference.id },
        order: { position: 'ASC' },
      }),
      m.find(ConferenceInvitationEntity, { where: { conferenceId: conference.id } }),
      m.find(BottomLineEntity, {
        where: { conferenceId: conference.id },
        order: { position: 'ASC' },
      }),
    ]);
    const inCircle = role === 'familie' || role === 'netwerk';
    const household = inCircle
      ? null
      : await m.findOneBy(HouseholdEntity, { id: conference.householdId });
    const names = await this.displayNames([
      ...lines.map((l) => l.checkedBy),
      conference.acceptedBy,
      conference.followUpDoneBy,
    ]);
    const now = this.clock.now().getTime();
    const invitationOf = (id: string): InvitationStatus => {
      const i = invitations.find((x) => x.participantId === id);
      if (!i) return 'niet-uitgenodigd';
      if (i.revokedAt !== null) return 'ingetrokken';
      if (i.expiresAt.getTime() <= now) return 'verlopen';
      // A fresh code not used yet (also after a withdrawal): invited again.
      return i.signedInAt && i.codeHash === null ? 'aangemeld' : 'uitgenodigd';
    };
    const plan = await m.findOneBy(ConferencePlanEntity, { conferenceId: conference.id });
    return {
      id: conference.id,
      householdId: conference.householdId,
      householdLabel: household?.label ?? null,
      status: conference.status,
      phase,
      sessionId: conference.sessionId,
      myRole: role,
      question: conference.question,
      startsAt: conference.startsAt?.toISOString() ?? null,
      place: conference.place,
      staff: people
        .filter((p) => p.role === 'coordinator' || p.role === 'professional')
        .map((p): ConferenceStaffView => ({
          userId: p.userId ?? '',
          displayName: p.name,
          role: p.role as ConferenceStaffView['role'],
        })),
      circle: people
        .filter((p) => p.role === 'familie' || p.role === 'netwerk')
        .map((p) => ({
          id: p.id,
          name: p.name,
          role: p.role as CircleRole,
          relation: p.relation,
          invitation: invitationOf(p.id),
          consentAt: p.consentAt?.toISOString() ?? null,
          tookPart: invitations.some((i) => i.participantId === p.id && i.signedInAt !== null),
          userId: p.userId,
        })),
      bottomLines: lines.map((l): BottomLineView => ({
        id: l.id,
        text: l.text,
        met: l.met,
        note: l.note,
        checkedBy: l.checkedBy ? (names.get(l.checkedBy) ?? null) : null,
        checkedAt: l.checkedAt?.toISOString() ?? null,
      })),
      acceptedAt: conference.acceptedAt?.toISOString() ?? null,
      acceptedBy: conference.acceptedBy ? (names.get(conference.acceptedBy) ?? null) : null,
      followUpOn: conference.followUpOn,
      followUp: conference.followUpDoneAt
        ? {
            at: conference.followUpDoneAt.toISOString(),
            by: conference.followUpDoneBy ? (names.get(conference.followUpDoneBy) ?? null) : null,
            note: conference.followUpNote,
          }
        : null,
      evaluationOn: plan?.evaluationOn ?? null,
      createdAt: conference.createdAt.toISOString(),
    };
  }

  /* ---------- the familiegroepsplan ---------- */

  async readPlan(actor: Actor, conferenceId: string): Promise<FamilyGroupPlanView> {
    return this.guarded(
      actor,
      conferenceId,
      PLAN_OBJECT,
      (seat) => this.planView(seat.conference.id),
      (seat) => seat.role === 'team' || mayReadPlan(seat.phase, seat.role),
    );
  }

  private async planView(conferenceId: string): Promise<FamilyGroupPlanView> {
    const plan = await this.db.manager.findOneBy(ConferencePlanEntity, { conferenceId });
    const value = {
      entries: plan?.entries ?? [],
      familyLead: plan?.familyLead ?? '',
      monitor: plan?.monitor ?? '',
      evaluationOn: plan?.evaluationOn ?? null,
      ifDifferent: plan?.ifDifferent ?? '',
    };
    return {
      rev: plan?.rev ?? 0,
      ...value,
      entries: value.entries.map((e) => ({ ...e, supportPlanItemId: e.supportPlanItemId ?? null })),
      issues: planIssues(value, planToday(this.clock)),
      updatedAt: plan?.updatedAt.toISOString() ?? null,
    };
  }

  /**
   * The family and network draft the plan in besloten tijd (and may correct it while it is
   * presented); the coordinator records it at the presentation. Whole-plan writes with the
   * revision the writer saw: a stale one is refused (409) with nothing written.
   */
  async savePlan(
    actor: Actor,
    conferenceId: string,
    input: PlanInput,
  ): Promise<FamilyGroupPlanView> {
    const seat = await this.seat(actor, conferenceId, PLAN_OBJECT);
    if (seat.role === 'team' || !mayWritePlan(seat.phase, seat.role)) throw forbidden(CONFERENCE);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const current = await tx.findOne(ConferencePlanEntity, {
        where: { conferenceId },
        lock: { mode: 'pessimistic_write' },
      });
      if ((current?.rev ?? 0) !== input.expectedRev)
        throw conflict('stale-revision', 'expectedRev');
      const row = {
        conferenceId,
        rev: input.expectedRev + 1,
        entries: input.entries.map((e): StoredPlanEntry => ({ ...e, supportPlanItemId: null })),
        familyLead: input.familyLead,
        monitor: input.monitor,
        evaluationOn: input.evaluationOn,
        ifDifferent: input.ifDifferent,
        updatedBy: actor.userId,
        updatedAt: now,
      };
      if (current) await tx.update(ConferencePlanEntity, { conferenceId }, row);
      else await tx.insert(ConferencePlanEntity, row);
    });
    await this.announce(seat.conference, actor, 'plan');
    return this.planView(conferenceId);
  }

  /** The plan as CSV (who, what, when), for whoever may read it now. */
  async exportPlan(actor: Actor, conferenceId: string): Promise<string> {
    return this.guarded(
      actor,
      conferenceId,
      PLAN_OBJECT,
      async (seat) => {
        const plan = await this.planView(seat.conference.id);
        const cell = (v: string) => `"${v.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"`;
        const lines = [
          ['Wie', 'Wat', 'Wanneer', 'Soort'].map(cell).join(','),
          ...plan.entries.map((e) => [e.who, e.what, e.when, e.kind].map(cell).join(',')),
          '',
          ['Aanspreekpunt in de familie', plan.familyLead].map(cell).join(','),
          ['Wie houdt het in de gaten', plan.monitor].map(cell).join(','),
          ['Evaluatie', plan.evaluationOn ?? ''].map(cell).join(','),
          ['Als het anders loopt', plan.ifDifferent].map(cell).join(','),
        ];
        return `${lines.join('\r\n')}\r\n`;
      },
      (seat) => seat.role === 'team' || mayReadPlan(seat.phase, seat.role),
    );
  }

  /** The coordinator checks the bottom lines one by one; who checked, when and the outcome are kept. */
  async checkBottomLine(
    actor: Actor,
    conferenceId: string,
    lineId: string,
    input: CheckInput,
  ): Promise<ConferenceView> {
    const seat = await this.seat(actor, conferenceId, 'bottom-line');
    if (seat.role !== 'coordinator') throw forbidden(CONFERENCE);
    // At the presentation, and again at acceptance (a line found not met can be met after all).
    if (seat.phase !== 'planpresentatie' && seat.phase !== 'acceptatie')
      throw conflict('not-in-plan-presentation', 'phase');
    const done = await this.db.manager.update(
      BottomLineEntity,
      { id: lineId, conferenceId },
      { met: input.met, note: input.note, checkedBy: actor.userId, checkedAt: this.clock.now() },
    );
    if (!done.affected) throw notFound('bottom line');
    await this.announce(seat.conference, actor, 'bottom-lines');
    const view = await this.read(actor, conferenceId);
    RequestContext.note({
      objectType: 'bottom-line',
      objectId: lineId,
      context: { conferenceId },
    });
    return view;
  }

  /**
   * The professional accepts the plan: complete, and every bottom line checked and met. The plan
   * lands in the household's support plan as the leading plan (one transaction with the
   * acceptance); the coordinator's follow-up is queued for four weeks later.
   */
  async accept(actor: Actor, conferenceId: string): Promise<ConferenceView> {
    const seat = await this.seat(actor, conferenceId);
    if (seat.role !== 'professional') throw forbidden(CONFERENCE);
    if (seat.phase !== 'acceptatie') throw conflict('not-in-acceptance', 'phase');
    const plan = await this.planView(conferenceId);
    const lines = await this.db.manager.find(BottomLineEntity, {
      where: { conferenceId },
      order: { position: 'ASC' },
    });
    const issues = [
      ...plan.issues,
      ...bottomLineIssues(lines).map((b) => ({ path: `bottomLines.${b.index}`, issue: b.issue })),
    ];
    if (issues.length > 0)
      throw new DomainError(
        'CONFERENCE_PLAN_INCOMPLETE',
        'The family plan cannot be accepted yet',
        issues,
      );
    const today = planToday(this.clock);
    const followUpOn = followUpDate(today);
    const { conference } = seat;
    await this.plans.importFamilyGroupPlan(
      actor,
      conference.householdId,
      {
        items: plan.entries.map((e) => ({
          goalId: null,
          type: itemTypeOfEntry(e.kind),
          title: e.what.slice(0, 200),
          owner: e.who,
          startDate: null,
          endDate: null,
          status: 'gepland',
          costCents: null,
          costCategory: null,
        })),
        evaluationOn: plan.evaluationOn,
        subject: `Familienetwerkberaad: ${conference.question}`,
      },
      async (tx: EntityManager, ids: string[]) => {
        const accepted = await tx.update(
          FamilyConferenceEntity,
          { id: conferenceId, status: 'bezig' },
          {
            status: 'afgerond',
            acceptedAt: this.clock.now(),
            acceptedBy: actor.userId,
            followUpOn,
            updatedAt: this.clock.now(),
          },
        );
        if (!accepted.affected) throw conflict('conference-not-running', 'status');
        await tx.update(
          ConferencePlanEntity,
          { conferenceId },
          {
            entries: plan.entries.map((e, i) => ({
              who: e.who,
              what: e.what,
              when: e.when,
              kind: e.kind,
              supportPlanItemId: ids[i] ?? null,
            })),
          },
        );
      },
    );
    this.note(OBJECT, conference);
    await this.jobs.schedule(
      CONFERENCE_FOLLOW_UP_JOB,
      { conferenceId },
      { runAt: followUpDueAt(today), singletonKey: conferenceId },
    );
    // Everyone in the room hears it (their clients read the conference again). The acceptance is
    // stored already; the announcement is tried three times with one command id (a busy database
    // answers 503), then logged — pages still read the conference on their next phase or reload.
    if (conference.sessionId) {
      const announcement = {
        sessionId: conference.sessionId,
        commandId: randomUUID(),
        type: 'contribution:add' as const,
        contributionType: 'opmerking',
        text: 'Het familiegroepsplan is geaccepteerd.',
      };
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const sent = await this.live.sessionCommand(actor, announcement).then(
          () => true,
          (error: unknown) => {
            if (attempt === 3)
              this.logger.warn(
                { err: error, conferenceId },
                'Acceptance not announced in the room',
              );
            return false;
          },
        );
        if (sent) break;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
    return this.read(actor, conferenceId);
  }

  /** Four weeks after acceptance: the coordinator is reminded to call the family (once). */
  async followUp(conferenceId: string): Promise<void> {
    const conference = await this.db.manager.findOneBy(FamilyConferenceEntity, {
      id: conferenceId,
    });
    if (!conference || conference.status !== 'afgerond' || conference.followUpSentAt) return;
    const team = await this.db.manager.findOneBy(TeamEntity, { id: conference.teamId });
    await this.notifications.notify([
      {
        userId: conference.coordinatorId,
        kind: 'conference-follow-up',
        params: {
          subjectId: conference.id,
          due: conference.followUpOn ?? undefined,
          teamName: team?.name ?? '',
        },
        dedupKey: `conference-follow-up:${conference.id}`,
      },
    ]);
    await this.db.manager.update(
      FamilyConferenceEntity,
      { id: conference.id },
      { followUpSentAt: this.clock.now() },
    );
  }

  /**
   * The follow-up done (four weeks after acceptance; earlier is fine): the coordinator or a
   * professional of the conference records it, once. It counts in the team's management
   * information ("plans followed up after four weeks").
   */
  async recordFollowUp(
    actor: Actor,
    conferenceId: string,
    input: z.output<typeof recordFollowUpSchema>,
  ): Promise<ConferenceView> {
    const seat = await this.seat(actor, conferenceId);
    if (seat.role !== 'coordinator' && seat.role !== 'professional') throw forbidden(CONFERENCE);
    if (seat.conference.status !== 'afgerond') throw conflict('not-accepted', 'status');
    const now = this.clock.now();
    const done = await this.db.manager
      .createQueryBuilder()
      .update(FamilyConferenceEntity)
      .set({
        followUpDoneAt: now,
        followUpDoneBy: actor.userId,
        followUpNote: input.note,
        updatedAt: now,
      })
      .where('id = :id AND follow_up_done_at IS NULL', { id: conferenceId })
      .execute();
    if (!done.affected) throw conflict('follow-up-recorded', 'followUp');
    this.note(OBJECT, seat.conference);
    return this.read(actor, conferenceId);
  }

  /* ---------- the live room ---------- */

  /** The session and the caller's role in it (the engine decides; locked out: 403). */
  async roomOf(actor: Actor, conferenceId: string): Promise<{ sessionId: string; role: string }> {
    const seat = await this.seat(actor, conferenceId);
    const sessionId = seat.conference.sessionId;
    if (seat.conference.status !== 'bezig' || !sessionId)
      throw conflict('conference-not-running', 'status');
    return { sessionId, role: await this.live.assertSessionAccess(actor, sessionId) };
  }

  joinRoom(actor: Actor, sessionId: string, lastSeq?: number): Promise<SessionJoinResult> {
    return this.live.joinSession(actor, sessionId, lastSeq);
  }

  /** A contribution (its type follows from phase and role) or the coordinator's next phase. */
  async command(actor: Actor, command: ConferenceCommand): Promise<SessionCommandResult> {
    const seat = await this.seat(actor, command.conferenceId);
    const sessionId = seat.conference.sessionId;
    if (seat.conference.status !== 'bezig' || !sessionId || !seat.phase || seat.role === 'team')
      throw conflict('conference-not-running', 'status');
    if (command.type === 'phase:advance')
      return this.live.sessionCommand(actor, {
        sessionId,
        commandId: command.commandId,
        type: 'phase:advance',
      });
    const contributionType = contributionTypeFor(seat.phase, seat.role);
    if (!contributionType) throw forbidden(CONFERENCE);
    return this.live.sessionCommand(actor, {
      sessionId,
      commandId: command.commandId,
      type: 'contribution:add',
      contributionType,
      text: command.text ?? '',
    });
  }

  /* ---------- circle members by link + code ---------- */

  /**
   * Link + one-time code → a session for this conference only. A network member takes part only
   * with their consent (asked before the code is spent, and recorded with the sign-in).
   */
  async signIn(
    token: string,
    code: string,
    consent: boolean,
    ip: string | null,
  ): Promise<{ token: string }> {
    const invitation = await this.db.manager.findOneBy(ConferenceInvitationEntity, {
      tokenHash: linkTokenHash(token),
    });
    const participant = invitation
      ? await this.db.manager.findOneBy(ConferenceParticipantEntity, {
          id: invitation.participantId,
        })
      : null;
    if (invitation && !participant) throw invalidLinkOrCode();
    if (invitation?.revokedAt) {
      RequestContext.note({
        objectType: 'conference-invitation',
        objectId: invitation.id,
        purpose: CONFERENCE_PURPOSE,
        context: { conferenceId: invitation.conferenceId },
      });
      throw new DomainError(
        'CONFERENCE_INVITATION_REVOKED',
        'This invitation to the family group conference was withdrawn',
      );
    }
    if (participant?.role === 'netwerk' && !consent && participant.consentAt === null)
      throw new DomainError('CONFERENCE_CONSENT_REQUIRED', 'Taking part needs your consent', [
        { path: 'consent', issue: 'required' },
      ]);
    const session = await this.linkCode.signIn(
      {
        entity: ConferenceInvitationEntity,
        userOf: (i) => i.userId,
        ended: (i) => i.revokedAt !== null || i.expiresAt.getTime() <= this.clock.now().getTime(),
        note: (i) =>
          RequestContext.note({
            objectType: 'conference-invitation',
            objectId: i?.id ?? null,
            purpose: CONFERENCE_PURPOSE,
            context: i ? { conferenceId: i.conferenceId } : null,
          }),
        issuer: 'the coordinator',
      },
      token,
      code,
      ip,
    );
    if (participant && consent && participant.consentAt === null)
      await this.db.manager.update(
        ConferenceParticipantEntity,
        { id: participant.id },
        { consentAt: this.clock.now() },
      );
    if (invitation) {
      const conference = await this.db.manager.findOneBy(FamilyConferenceEntity, {
        id: invitation.conferenceId,
      });
      if (conference) this.note('conference-invitation', conference);
    }
    return session;
  }

  async session(actor: Actor, csrfToken: string): Promise<ConferenceSessionView> {
    const grant = actor.conference;
    if (!grant) throw forbidden(CONFERENCE);
    RequestContext.note({
      objectType: 'conference-invitation',
      objectId: grant.invitationId,
      clientId: grant.householdId,
      purpose: CONFERENCE_PURPOSE,
      context: { teamId: grant.teamId, conferenceId: grant.conferenceId },
    });
    const user = await this.db.manager.findOneByOrFail(UserEntity, { id: actor.userId });
    return {
      conferenceId: grant.conferenceId,
      name: user.displayName,
      role: grant.role,
      expiresAt: grant.expiresAt.toISOString(),
      csrfToken,
    };
  }

  /* ---------- helpers ---------- */

  /**
   * Tells everyone in the room that the plan or the bottom lines changed (the engine's
   * content-free `record:changed`; a role locked out of the phase receives nothing), so their
   * pages read it again. The write is done already: a failed announcement only costs a reload.
   */
  private async announce(
    conference: FamilyConferenceEntity,
    actor: Actor,
    record: 'plan' | 'bottom-lines',
  ): Promise<void> {
    if (conference.status !== 'bezig' || !conference.sessionId) return;
    await this.live
      .recordChanged(conference.sessionId, actor.userId, record)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, conferenceId: conference.id }, 'Announcing a change failed'),
      );
  }

  private async displayNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.db.manager.find(UserEntity, { where: { id: In(wanted) } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
