import { Module } from '@nestjs/common';
import { LiveGateway } from './live.gateway';
import { LiveConnections, LiveRedisStatus } from './live-link';

@Module({
  providers: [LiveGateway, LiveRedisStatus, LiveConnections],
  exports: [LiveRedisStatus, LiveConnections],
})
export class LiveModule {}
