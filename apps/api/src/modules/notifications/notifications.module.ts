import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { NotificationProducers } from './notification-producers';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { RemindersService } from './reminders.service';

/** In-app and e-mail notifications, their producers and the reminders. */
@Module({
  imports: [MeetingsModule, CalendarModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationProducers, RemindersService],
  exports: [NotificationsService, RemindersService],
})
export class NotificationsModule {}
