import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import type {
  ConferenceView,
  FamilyGroupPlanView,
  checkBottomLineSchema,
  savePlanSchema,
} from '@casustafel/contracts';
import {
  bottomLineIssues,
  followUpDate,
  followUpDueAt,
  itemTypeOfEntry,
  mayReadPlan,
  mayWritePlan,
  planIssues,
  planToday,
} from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, forbidden, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { JobsService } from '../jobs/jobs.service';
import { LiveSessionService } from '../live-session/live-session.service';
import { PlanSourcesService } from '../support-plan/plan-sources.service';
import {
  BottomLineEntity,
  ConferencePlanEntity,
  FamilyConferenceEntity,
  type StoredPlanEntry,
} from './family-conference.entities';
import { CONFERENCE_FOLLOW_UP_JOB } from './conference-follow-up.service';
import { ConferenceReader } from './conference-reader.service';
import {
  CONFERENCE_OBJECT,
  PLAN_OBJECT,
  THIS_CONFERENCE,
  ConferenceSeats,
} from './conference-seats.service';

type PlanInput = z.output<typeof savePlanSchema>;
type CheckInput = z.output<typeof checkBottomLineSchema>;

/**
 * The familiegroepsplan: drafted by the family and network, presented, its bottom lines checked
 * by the coordinator, and accepted by the professional — which imports it into the household's
 * support plan as the leading plan and queues the coordinator's four-week follow-up.
 */
@Injectable()
export class ConferencePlanService {
  private readonly logger = new Logger(ConferencePlanService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly live: LiveSessionService,
    private readonly plans: PlanSourcesService,
    private readonly jobs: JobsService,
    private readonly seats: ConferenceSeats,
    private readonly reader: ConferenceReader,
    private readonly clock: Clock,
  ) {}

  async readPlan(actor: Actor, conferenceId: string): Promise<FamilyGroupPlanView> {
    return this.seats.guarded(
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
    const seat = await this.seats.seat(actor, conferenceId, PLAN_OBJECT);
    if (seat.role === 'team' || !mayWritePlan(seat.phase, seat.role))
      throw forbidden(THIS_CONFERENCE);
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
    await this.seats.announce(seat.conference, actor, 'plan');
    return this.planView(conferenceId);
  }

  /** The plan as CSV (who, what, when), for whoever may read it now. */
  async exportPlan(actor: Actor, conferenceId: string): Promise<string> {
    return this.seats.guarded(
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
    const seat = await this.seats.seat(actor, conferenceId, 'bottom-line');
    if (seat.role !== 'coordinator') throw forbidden(THIS_CONFERENCE);
    // At the presentation, and again at acceptance (a line found not met can be met after all).
    if (seat.phase !== 'planpresentatie' && seat.phase !== 'acceptatie')
      throw conflict('not-in-plan-presentation', 'phase');
    const done = await this.db.manager.update(
      BottomLineEntity,
      { id: lineId, conferenceId },
      { met: input.met, note: input.note, checkedBy: actor.userId, checkedAt: this.clock.now() },
    );
    if (!done.affected) throw notFound('bottom line');
    await this.seats.announce(seat.conference, actor, 'bottom-lines');
    const view = await this.reader.read(actor, conferenceId);
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
    const seat = await this.seats.seat(actor, conferenceId);
    if (seat.role !== 'professional') throw forbidden(THIS_CONFERENCE);
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
    this.seats.note(CONFERENCE_OBJECT, conference);
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
    return this.reader.read(actor, conferenceId);
  }
}
