import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Observable, Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { GuestsService } from '../guests/guests.service';
import type { ActionView } from '@casustafel/contracts';
import { LiveSessionService } from '../live-session/live-session.service';
import { MeetingsService } from '../meetings/meetings.service';
import { type NewNotification, NotificationsService } from './notifications.service';

/**
 * Turns what the other modules emit into notifications, without those modules knowing:
 * an agenda published or a meeting cancelled (every member of the team), an action created (its owner, unless they
 * created it themselves), a guest invited (the guest's account).
 */
@Injectable()
export class NotificationProducers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationProducers.name);
  private readonly subscriptions = new Subscription();

  constructor(
    private readonly notifications: NotificationsService,
    private readonly meetings: MeetingsService,
    private readonly live: LiveSessionService,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.on(this.meetings.published$, (e) => this.toTeam('agenda-published', e));
    this.on(this.meetings.cancelled$, (e) => this.toTeam('meeting-cancelled', e));
    this.on(this.live.committed$, async (committed) => {
      if (committed.kind !== 'case-meeting' || committed.event.type !== 'action:created') return [];
      const e = { action: committed.event.payload.action as unknown as ActionView };
      if (e.action.ownerUserId === e.action.createdByUserId) return [];
      const team = (await this.dataSource.query('SELECT "name" FROM "team" WHERE "id" = $1', [
        e.action.teamId,
      ])) as { name: string }[];
      return [
        {
          userId: e.action.ownerUserId,
          kind: 'action-assigned',
          params: {
            actionId: e.action.id,
            meetingId: e.action.meetingId,
            due: e.action.due,
            teamName: team[0]?.name,
          },
          dedupKey: `action-assigned:${e.action.id}`,
        },
      ];
    });
    const guests = this.moduleRef.get(GuestsService, { strict: false });
    this.on(guests.invited$, async (e) => {
      const rows = (await this.dataSource.query(
        'SELECT "starts_at" AS "startsAt" FROM "meeting" WHERE "id" = $1',
        [e.meetingId],
      )) as { startsAt: Date }[];
      return [
        {
          userId: e.guestUserId,
          kind: 'guest-invited',
          params: { meetingId: e.meetingId, startsAt: rows[0]?.startsAt.toISOString() },
          dedupKey: `guest-invited:${e.meetingId}`,
        },
      ];
    });
  }

  /** A notice about a meeting to every enabled member of its team, once per meeting. */
  private async toTeam(
    kind: 'agenda-published' | 'meeting-cancelled',
    e: { teamId: string; meetingId: string; startsAt: Date },
  ): Promise<NewNotification[]> {
    const rows = (await this.dataSource.query(
      `SELECT m."user_id" AS "userId", t."name" AS "teamName"
       FROM "membership" m JOIN "team" t ON t."id" = m."team_id"
       JOIN "app_user" u ON u."id" = m."user_id"
       WHERE m."team_id" = $1 AND u."disabled_at" IS NULL`,
      [e.teamId],
    )) as { userId: string; teamName: string }[];
    return rows.map((r) => ({
      userId: r.userId,
      kind,
      params: { meetingId: e.meetingId, teamName: r.teamName, startsAt: e.startsAt.toISOString() },
      dedupKey: `${kind}:${e.meetingId}`,
    }));
  }

  /** Subscribes a producer; its failures are logged, never thrown into the emitting service. */
  private on<T>(source: Observable<T>, produce: (event: T) => Promise<NewNotification[]>): void {
    this.subscriptions.add(
      source.subscribe((event) => {
        produce(event)
          .then((items) => this.notifications.notify(items))
          .catch((error: unknown) => this.logger.error({ err: error }, 'Notification failed'));
      }),
    );
  }

  onModuleDestroy(): void {
    this.subscriptions.unsubscribe();
  }
}
