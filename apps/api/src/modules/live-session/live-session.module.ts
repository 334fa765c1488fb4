import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity } from '../identity/membership.entity';
import { MEETING_RECORD_ENTITIES } from '../meeting-records/meeting-records.entities';
import { MEETING_ENTITIES } from '../meetings/meeting.entities';
import { LiveAccess } from './live-access';
import { LiveBroadcaster } from './live-broadcaster';
import { LiveRoomCache } from './live-room-cache';
import { LiveRoomRepository } from './live-room.repository';
import { LiveSessionController } from './live-session.controller';
import { LIVE_SESSION_ENTITIES } from './live-session.entities';
import { LiveSessionGateway } from './live-session.gateway';
import { LiveSessionService } from './live-session.service';
import { SessionKinds } from './session-kinds';

/**
 * The live session engine: everything a live command touches on the server. Global so planning
 * (meetings), records (minutes), guests and notifications read rooms through
 * `LiveSessionService` without importing each other.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ...MEETING_ENTITIES,
      ...MEETING_RECORD_ENTITIES,
      ...LIVE_SESSION_ENTITIES,
      MembershipEntity,
    ]),
  ],
  controllers: [LiveSessionController],
  providers: [
    LiveSessionService,
    SessionKinds,
    LiveSessionGateway,
    LiveBroadcaster,
    LiveRoomRepository,
    LiveRoomCache,
    LiveAccess,
  ],
  exports: [LiveSessionService, LiveSessionGateway, LiveRoomCache, SessionKinds],
})
export class LiveSessionModule {}
