import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import type { z } from 'zod';
import {
  markNotificationsReadSchema,
  type NotificationList,
  notificationSettingsSchema,
  type NotificationSettingsView,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { NotificationsService } from './notifications.service';

/**
 * The signed-in user's own notifications and choices. Listing and marking read are not audited:
 * a notification holds no client data (ids, dates, a team's name), and the bell polls.
 */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Access('authenticated', 'none')
  @Get()
  list(@CurrentActor() actor: Actor): Promise<NotificationList> {
    return this.notifications.list(actor.userId);
  }

  @Access('authenticated', 'none')
  @Post('read')
  @HttpCode(200)
  markRead(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(markNotificationsReadSchema))
    body: z.output<typeof markNotificationsReadSchema>,
  ): Promise<NotificationList> {
    return this.notifications.markRead(actor.userId, body);
  }

  @Access('authenticated', 'none')
  @Get('settings')
  settings(@CurrentActor() actor: Actor): Promise<NotificationSettingsView> {
    return this.notifications.settings(actor.userId);
  }

  @Access('authenticated', 'notification-settings.update')
  @Put('settings')
  updateSettings(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(notificationSettingsSchema))
    body: z.output<typeof notificationSettingsSchema>,
  ): Promise<NotificationSettingsView> {
    return this.notifications.updateSettings(actor.userId, body);
  }
}
