import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity } from '../identity/membership.entity';
import { MEETING_RECORD_ENTITIES } from '../meeting-records/meeting-records.entities';
import { MEETING_ENTITIES } from '../meetings/meeting.entities';
import { LiveAccess } from './live-access';
import { LiveBroadcaster } from './live-broadcaster';
import { LiveRoomCache } from './live-room-cache';
import { LiveRoomRepository } from './live-room.repository';
import { LiveSessionGateway } from './live-session.gateway';
import { LiveSessionService } from './live-session.service';

/**
 * The live session engine: everything a live command touches on the server. Global so planning
 * (meetings), records (minutes), guests and notifications read rooms through
 * `LiveSessionService` without importing each other.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([...MEETING_ENTITIES, ...MEETING_RECORD_ENTITIES, MembershipEntity]),
  ],
  providers: [
    LiveSessionService,
    LiveSessionGateway,
    LiveBroadcaster,
    LiveRoomRepository,
    LiveRoomCache,
    LiveAccess,
  ],
  exports: [LiveSessionService, LiveSessionGateway, LiveRoomCache],
})
export class LiveSessionModule {}
