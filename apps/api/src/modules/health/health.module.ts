import { Module } from '@nestjs/common';
import { InstanceModule } from '../instance/instance.module';
import { LiveModule } from '../live/live.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [InstanceModule, LiveModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
