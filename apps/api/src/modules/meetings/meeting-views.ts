import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type { AgendaItemConsent, AgendaItemView, MeetingDetail } from '@casustafel/contracts';
import { plannedSchedule, sortByOrder, totalPlannedMinutes } from '@casustafel/domain';
import { Clock } from '../../common/time/clock';
import { PreparationEntity } from '../case-file/case.entity';
import { ConsentService } from '../case-file/consent.service';
import { AgendaItemEntity, MeetingEntity } from './meeting.entities';
import { meetingSummary } from './meeting-rows';

/**
 * A meeting as the client reads it (its agenda planned in time, each case item's consent
 * cover), and the reads planning shares: the agenda in order, a preparation's household.
 */
@Injectable()
export class MeetingViews {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
    @InjectRepository(PreparationEntity)
    private readonly preparations: Repository<PreparationEntity>,
    private readonly consents: ConsentService,
    private readonly clock: Clock,
  ) {}

  async agendaOf(meetingId: string, manager?: EntityManager) {
    const rows = await (manager ?? this.items.manager).findBy(AgendaItemEntity, { meetingId });
    return sortByOrder(rows.map((r) => ({ ...r, order: r.position })));
  }

  async detail(m: MeetingEntity): Promise<MeetingDetail> {
    const fresh = (await this.meetings.findOneBy({ id: m.id })) ?? m;
    const rows = await this.agendaOf(m.id);
    const schedule = new Map(plannedSchedule(fresh.startsAt, rows).map((s) => [s.itemId, s]));
    const prepIds = rows.map((r) => r.preparationId).filter((id): id is string => id !== null);
    const preps = prepIds.length === 0 ? [] : await this.preparations.findBy({ id: In(prepIds) });
    const caseOf = new Map(preps.map((p) => [p.id, p.caseId]));
    const consentOf = await this.agendaConsent(fresh, rows);
    const agenda: AgendaItemView[] = rows.map((r) => {
      const planned = schedule.get(r.id);
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        presenterUserId: r.presenterId,
        timeBoxMinutes: r.timeBoxMinutes,
        order: r.order,
        status: r.status,
        preparationId: r.preparationId,
        caseId: r.preparationId === null ? null : (caseOf.get(r.preparationId) ?? null),
        carriedFromItemId: r.carriedFromItemId,
        consent: consentOf.get(r.id) ?? null,
        plannedStart: planned?.start.toISOString() ?? null,
        plannedEnd: planned?.end.toISOString() ?? null,
      };
    });
    return {
      ...meetingSummary(fresh),
      chairId: fresh.chairId,
      timekeeperId: fresh.timekeeperId,
      minuteTakerId: fresh.minuteTakerId,
      agenda,
      plannedMinutes: totalPlannedMinutes(rows),
    };
  }

  /** Per case item: the ledger's cover for the meeting on its date, and any justification. */
  private async agendaConsent(
    meeting: MeetingEntity,
    rows: AgendaItemEntity[],
  ): Promise<Map<string, AgendaItemConsent>> {
    const result = new Map<string, AgendaItemConsent>();
    const at = this.meetingDay(meeting);
    const byHousehold = new Map<string, Awaited<ReturnType<ConsentService['meetingCoverage']>>>();
    for (const row of rows) {
      if (row.preparationId === null) continue;
      const householdId = await this.householdOfPreparation(row.preparationId);
      if (householdId === null) continue;
      let coverage = byHousehold.get(householdId);
      if (!coverage) {
        coverage = await this.consents.meetingCoverage(householdId, at);
        byHousehold.set(householdId, coverage);
      }
      result.set(row.id, {
        state: coverage.state,
        validUntil: coverage.validUntil,
        justification: row.consentJustification,
        justifiedBy: row.consentJustifiedBy,
        justifiedAt: row.consentJustifiedAt?.toISOString() ?? null,
      });
    }
    return result;
  }

  async householdOfPreparation(preparationId: string): Promise<string | null> {
    const rows = (await this.preparations.query(
      'SELECT c."household_id" AS "householdId" FROM "preparation" p JOIN "client_case" c ON c."id" = p."case_id" WHERE p."id" = $1',
      [preparationId],
    )) as { householdId: string }[];
    return rows[0]?.householdId ?? null;
  }

  /** The moment consent must cover: the meeting's start, or now when that has passed. */
  meetingDay(meeting: MeetingEntity): Date {
    const now = this.clock.now();
    return meeting.startsAt.getTime() > now.getTime() ? meeting.startsAt : now;
  }
}
