import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { EmbeddedDatabase } from './embedded-database';

export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');

/** Opens (and at shutdown closes) the embedded database when no DATABASE_URL is set. */
@Module({
  providers: [
    {
      provide: EMBEDDED_DATABASE,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) =>
        config.database.engine === 'pglite' ? EmbeddedDatabase.open(config.database.dataDir) : null,
    },
  ],
  exports: [EMBEDDED_DATABASE],
})
class EmbeddedDatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(@Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedDatabase | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    await this.embedded.close();
    this.logger.log('Embedded database closed');
  }
}

/** TypeORM on PostgreSQL or the embedded PGlite, migrations run at start. */
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        EmbeddedDatabaseModule,
        TypeOrmModule.forRootAsync({
          imports: [EmbeddedDatabaseModule],
          inject: [AppConfig, EMBEDDED_DATABASE],
          useFactory: (config: AppConfig, embedded: EmbeddedDatabase | null) =>
            buildDataSourceOptions(config.database, embedded),
        }),
      ],
    };
  }
}
