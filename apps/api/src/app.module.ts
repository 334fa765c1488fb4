import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AccessGuard } from './common/access/access.guard';
import { AuditInterceptor } from './common/audit/audit.interceptor';
import { Clock } from './common/time/clock';
import { loggingParams } from './common/logging/logging';
import { AppConfig } from './config/app-config';
import { DatabaseModule } from './database';
import { ENTITIES } from './entities';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { NetworkMapModule } from './modules/network-map/network-map.module';
import { CaseFileModule } from './modules/case-file/case-file.module';
import { SupportPlanModule } from './modules/support-plan/support-plan.module';
import { DemoModule } from './modules/demo/demo.module';
import { IdentityModule } from './modules/identity/identity.module';
import { HealthModule } from './modules/health/health.module';
import { InstanceModule } from './modules/instance/instance.module';
import { LiveModule } from './modules/live/live.module';
import { LiveSessionModule } from './modules/live-session/live-session.module';
import { MeetingsModule } from './modules/meetings/meetings.module';
import { MeetingRecordsModule } from './modules/meeting-records/meeting-records.module';
import { NotesModule } from './modules/notes/notes.module';
import { GuestsModule } from './modules/guests/guests.module';
import { HouseholdStoryModule } from './modules/household-story/household-story.module';
import { RetentionModule } from './modules/retention/retention.module';
import { LimitsModule } from './common/limits/limits.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ApiDocsModule } from './modules/api-docs/api-docs.module';
import { MailModule } from './common/mail/mailer';
import { JobsModule } from './modules/jobs/jobs.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { FamilyConferenceModule } from './modules/family-conference/family-conference.module';
import { IntervisionModule } from './modules/intervision/intervision.module';
import { InsightModule } from './modules/insight/insight.module';

export interface AppModuleOptions {
  /** Where logs go; stdout when absent. Tests pass a stream to inspect every line. */
  logStream?: DestinationStream;
  /** Replaces the system clock (tests of timeouts). */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggingParams(config, options.logStream)),
        DatabaseModule.forRoot(ENTITIES),
        AuditModule,
        AuthModule,
        IdentityModule,
        CaseFileModule,
        NetworkMapModule,
        DemoModule,
        InstanceModule,
        HealthModule,
        LiveModule,
        LiveSessionModule,
        MeetingsModule,
        GuestsModule,
        HouseholdStoryModule,
        MeetingRecordsModule,
        NotesModule,
        RetentionModule,
        LimitsModule,
        MetricsModule,
        ApiDocsModule,
        MailModule,
        JobsModule,
        NotificationsModule,
        CalendarModule,
        InsightModule,
        SupportPlanModule,
        IntervisionModule,
        FamilyConferenceModule,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        options.clock
          ? { provide: Clock, useValue: options.clock }
          : { provide: Clock, useClass: Clock },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
