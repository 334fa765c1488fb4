import { Module } from '@nestjs/common';
import { InsightController } from './insight.controller';
import { InsightService } from './insight.service';

/** Management information of teams (issue 15): aggregates of the recorded work, small cells hidden. */
@Module({
  controllers: [InsightController],
  providers: [InsightService],
})
export class InsightModule {}
