import { Module } from '@nestjs/common';
import { InstanceModule } from '../instance/instance.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [InstanceModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
