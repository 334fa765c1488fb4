import { Module } from '@nestjs/common';
import { HouseholdStoryModule } from '../household-story/household-story.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [HouseholdStoryModule], providers: [DemoSeedService] })
export class DemoModule {}
