import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { ConferenceView, recordFollowUpSchema } from '@casustafel/contracts';
import type { Actor } from '../../common/context/request-context';
import { conflict, forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { TeamEntity } from '../identity/team.entity';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { FamilyConferenceEntity } from './family-conference.entities';
import { ConferenceReader } from './conference-reader.service';
import { CONFERENCE_OBJECT, THIS_CONFERENCE, ConferenceSeats } from './conference-seats.service';

/** The job that reminds the coordinator four weeks after acceptance. */
export const CONFERENCE_FOLLOW_UP_JOB = 'family-conference:follow-up';

/** After acceptance: the coordinator's four-week reminder, and the follow-up recorded. */
@Injectable()
export class ConferenceFollowUpService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    private readonly seats: ConferenceSeats,
    private readonly reader: ConferenceReader,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.work<{ conferenceId: string }>(CONFERENCE_FOLLOW_UP_JOB, (payload) =>
      this.followUp(payload.conferenceId),
    );
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
    const seat = await this.seats.seat(actor, conferenceId);
    if (seat.role !== 'coordinator' && seat.role !== 'professional')
      throw forbidden(THIS_CONFERENCE);
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
    this.seats.note(CONFERENCE_OBJECT, seat.conference);
    return this.reader.read(actor, conferenceId);
  }
}
