import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AccessGuard } from './common/access/access.guard';
import { loggingParams } from './common/logging/logging';
import { AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './modules/audit/audit.module';
import { HealthModule } from './modules/health/health.module';
import { InstanceModule } from './modules/instance/instance.module';
import { LiveModule } from './modules/live/live.module';

export interface AppModuleOptions {
  /** Where logs go; stdout when absent. Tests pass a stream to inspect every line. */
  logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggingParams(config, options.logStream)),
        DatabaseModule.forRoot(),
        AuditModule,
        InstanceModule,
        HealthModule,
        LiveModule,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [AppConfig],
    };
  }
}
