import { Global, Module } from '@nestjs/common';
import { NotesModule } from '../notes/notes.module';
import { JobsMetrics } from './jobs.metrics';
import { JobsService } from './jobs.service';
import { MaintenanceJobs } from './maintenance.jobs';

/**
 * The job queue in the database. Global: any module registers its jobs with `JobsService.work`
 * and queues them with `schedule` (reminders, retention, …).
 */
@Global()
@Module({
  imports: [NotesModule],
  providers: [JobsService, MaintenanceJobs, JobsMetrics],
  exports: [JobsService],
})
export class JobsModule {}
