import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import type { MeetingClosePreview, MeetingDetail } from '@casustafel/contracts';
import {
  type AgendaItem,
  carryForward,
  meetingSeriesSchema,
  nextOccurrence,
} from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { conflict } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { LiveSessionService } from '../live-session/live-session.service';
import { MeetingRecordsService } from '../meeting-records/meeting-records.service';
import { MeetingAccess } from './meeting-access';
import { agendaRow, toDomainItem } from './meeting-rows';
import { MeetingSeriesService } from './meeting-series.service';
import { MeetingViews } from './meeting-views';
import { AgendaItemEntity, MeetingEntity, MeetingSeriesEntity } from './meeting.entities';

/**
 * Closing a meeting: the preview for the chair, then the close itself with carry-forward of
 * undiscussed case items to the next meeting of the series. The live room is told the close.
 */
@Injectable()
export class MeetingCloseService {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    private readonly access: MeetingAccess,
    private readonly views: MeetingViews,
    private readonly series: MeetingSeriesService,
    private readonly records: MeetingRecordsService,
    private readonly live: LiveSessionService,
    private readonly clock: Clock,
  ) {}

  /**
   * What closing the meeting would do, for the chair's confirmation: the undiscussed case items
   * (per the live room) and where they go — the next meeting of the series (made at closing when
   * not made yet), or nowhere when the meeting stands alone or the series has ended: then they
   * stay `overgeslagen` here and their ready preparations can be put on any later agenda.
   */
  async closePreview(actor: Actor, meetingId: string): Promise<MeetingClosePreview> {
    const meeting = await this.access.meeting(actor, meetingId, 'update');
    if (meeting.status === 'afgesloten') throw conflict('meeting-afgesloten');
    const live = new Map((meeting.liveState?.items ?? []).map((i) => [i.id, i.status]));
    const agenda = await this.views.agendaOf(meeting.id);
    const undiscussed = agenda
      .filter((i) => i.kind === 'casusbespreking' && (live.get(i.id) ?? i.status) !== 'besproken')
      .map((i) => i.id);
    if (meeting.seriesId === null) {
      return { undiscussedItemIds: undiscussed, destination: 'geen-reeks', nextMeeting: null };
    }
    const later = await this.meetings.find({
      where: { seriesId: meeting.seriesId, startsAt: MoreThan(meeting.startsAt) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const planned = later.find((m) => m.status === 'gepland');
    if (planned) {
      return {
        undiscussedItemIds: undiscussed,
        destination: 'volgend-overleg',
        nextMeeting: { id: planned.id, startsAt: planned.startsAt.toISOString() },
      };
    }
    const series = await this.meetings.manager.findOneBy(MeetingSeriesEntity, {
      id: meeting.seriesId,
    });
    const schedule = meetingSeriesSchema.safeParse(series?.schedule);
    const occurrence =
      later.length === 0 && schedule.success
        ? nextOccurrence(schedule.data, meeting.startsAt)
        : null;
    return occurrence
      ? {
          undiscussedItemIds: undiscussed,
          destination: 'volgend-overleg',
          nextMeeting: { id: null, startsAt: occurrence.start.toISOString() },
        }
      : { undiscussedItemIds: undiscussed, destination: 'einde-reeks', nextMeeting: null };
  }

  /**
   * Closes the meeting: the live room's item statuses are written to the agenda, undiscussed
   * case items are marked `overgeslagen` and carried forward (with their preparation, plus a
   * follow-up item) to the next meeting of the series.
   */
  async close(actor: Actor, meetingId: string): Promise<MeetingDetail> {
    const meeting = await this.access.meeting(actor, meetingId, 'update');
    if (meeting.status === 'afgesloten' || meeting.status === 'geannuleerd')
      throw conflict(`meeting-${meeting.status}`);
    const now = this.clock.now();
    await this.meetings.manager.transaction(async (tx) => {
      const live = new Map((meeting.liveState?.items ?? []).map((i) => [i.id, i.status]));
      const agenda = (await this.views.agendaOf(meeting.id, tx)).map(toDomainItem);
      const closed = agenda.map((item): AgendaItem => {
        const status = live.get(item.id) ?? item.status;
        return {
          ...item,
          status:
            item.kind === 'casusbespreking' && status !== 'besproken' ? 'overgeslagen' : status,
        };
      });
      for (const item of closed)
        await tx.update(AgendaItemEntity, { id: item.id }, { status: item.status });
      await tx.update(MeetingEntity, { id: meeting.id }, { status: 'afgesloten', updatedAt: now });
      if (meeting.seriesId === null) return;
      const next = await this.series.nextOf(tx, meeting, now);
      if (!next) return;
      const carried = carryForward(closed, {
        newId: randomUUID,
        followUpPresenterUserId: next.chairId,
      });
      if (carried.length <= 1) return this.records.fillFollowUp(tx, meeting, next);
      const existing = (await this.views.agendaOf(next.id, tx)).map(toDomainItem);
      const hasFollowUp = existing.some((i) => i.kind === 'opvolging-acties');
      const merged = [
        ...carried.filter((i) => !(hasFollowUp && i.kind === 'opvolging-acties')),
        ...existing,
      ].map((item, order) => ({ ...item, order }));
      for (const item of merged) {
        if (existing.some((e) => e.id === item.id))
          await tx.update(AgendaItemEntity, { id: item.id }, { position: item.order });
        else await tx.save(tx.create(AgendaItemEntity, agendaRow(next.id, item)));
      }
      await this.records.fillFollowUp(tx, meeting, next);
    });
    this.live.roomClosed(meeting.id);
    return this.views.detail(await this.access.meeting(actor, meeting.id, 'read'));
  }
}
