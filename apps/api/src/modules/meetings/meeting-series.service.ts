import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, MoreThan, Repository } from 'typeorm';
import type { z } from 'zod';
import type { createMeetingSeriesSchema, MeetingSeriesCreated } from '@casustafel/contracts';
import { meetingSeriesSchema, nextOccurrence, plannedOccurrences } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { Clock } from '../../common/time/clock';
import { MeetingAccess } from './meeting-access';
import { meetingSummary, occurrenceMinutes, plannedMeetingRow } from './meeting-rows';
import { MeetingEntity, MeetingSeriesEntity } from './meeting.entities';

type CreateSeries = z.output<typeof createMeetingSeriesSchema>;

/** How far ahead a new series gets its meetings. */
export const SERIES_HORIZON_MS = 8 * 7 * 86_400_000;

/** Meeting series: the meetings of a schedule up to a horizon, the next one made when needed. */
@Injectable()
export class MeetingSeriesService {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    private readonly access: MeetingAccess,
    private readonly clock: Clock,
  ) {}

  async createSeries(
    actor: Actor,
    teamId: string,
    input: CreateSeries,
  ): Promise<MeetingSeriesCreated> {
    this.access.team(actor, teamId, 'create', null);
    await this.access.assertRoles(teamId, input);
    const now = this.clock.now();
    const planned = plannedOccurrences(input.schedule, now, SERIES_HORIZON_MS).occurrences;
    const created = await this.meetings.manager.transaction(async (tx) => {
      const series = await tx.save(
        tx.create(MeetingSeriesEntity, {
          teamId,
          schedule: input.schedule as unknown as Record<string, unknown>,
          createdAt: now,
        }),
      );
      const meetings: MeetingEntity[] = [];
      for (const occurrence of planned) {
        meetings.push(
          await tx.save(
            tx.create(
              MeetingEntity,
              plannedMeetingRow(
                {
                  teamId,
                  seriesId: series.id,
                  type: input.type,
                  startsAt: occurrence.start,
                  durationMinutes: occurrenceMinutes(occurrence),
                  chairId: input.chairId,
                  timekeeperId: input.timekeeperId,
                  minuteTakerId: input.minuteTakerId,
                },
                now,
              ),
            ),
          ),
        );
      }
      return { series, meetings };
    });
    RequestContext.note({ objectType: 'meeting-series', objectId: created.series.id });
    return {
      seriesId: created.series.id,
      meetings: created.meetings.map((m) => meetingSummary(m)),
    };
  }

  /**
   * The next planned meeting of the series after `meeting`; when none was made yet (beyond
   * the horizon of the series), the series' next occurrence is created.
   */
  async nextOf(
    tx: EntityManager,
    meeting: MeetingEntity,
    now: Date,
  ): Promise<MeetingEntity | null> {
    const later = await tx.find(MeetingEntity, {
      where: { seriesId: meeting.seriesId as string, startsAt: MoreThan(meeting.startsAt) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const planned = later.find((m) => m.status === 'gepland');
    if (planned) return planned;
    if (later.length > 0) return null;
    const series = await tx.findOneBy(MeetingSeriesEntity, { id: meeting.seriesId as string });
    const schedule = meetingSeriesSchema.safeParse(series?.schedule);
    if (!series || !schedule.success) return null;
    const occurrence = nextOccurrence(schedule.data, meeting.startsAt);
    if (!occurrence) return null;
    return tx.save(
      tx.create(
        MeetingEntity,
        plannedMeetingRow(
          {
            teamId: meeting.teamId,
            seriesId: series.id,
            type: meeting.type,
            startsAt: occurrence.start,
            durationMinutes: occurrenceMinutes(occurrence),
            chairId: meeting.chairId,
            timekeeperId: meeting.timekeeperId,
            minuteTakerId: meeting.minuteTakerId,
          },
          now,
        ),
      ),
    );
  }
}
