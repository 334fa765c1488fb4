import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { GuestAccessService } from './guest-access.service';
import { GuestMailer } from './guest-mailer';
import { GuestRoomGateway } from './guest-room.gateway';
import { GuestsController } from './guests.controller';
import { GuestsService } from './guests.service';

/** Remote specialists: invitations to agenda items, one-time codes, the guest's live room. */
@Module({
  imports: [AuthModule, MeetingsModule],
  controllers: [GuestsController],
  providers: [GuestsService, GuestAccessService, GuestMailer, GuestRoomGateway],
})
export class GuestsModule {}
