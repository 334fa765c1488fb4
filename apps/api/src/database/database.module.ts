import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseAnswers } from './database-answers';
import { buildDataSourceOptions, type EntityList } from './data-source-options';
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
    {
      provide: DatabaseAnswers,
      inject: [EMBEDDED_DATABASE],
      useFactory: (embedded: EmbeddedDatabase | null) => new DatabaseAnswers(embedded !== null),
    },
  ],
  exports: [EMBEDDED_DATABASE, DatabaseAnswers],
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

/**
 * TypeORM on PostgreSQL or the embedded PGlite, migrations run at start. The app hands in the
 * modules' entities (`src/entities.ts`): this module knows no feature module. Its interface
 * for the rest of the api is `database/index.ts` (see there and docs/architecture.md).
 */
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      exports: [EmbeddedDatabaseModule],
      imports: [
        EmbeddedDatabaseModule,
        TypeOrmModule.forRootAsync({
          imports: [EmbeddedDatabaseModule],
          inject: [AppConfig, EMBEDDED_DATABASE],
          useFactory: (config: AppConfig, embedded: EmbeddedDatabase | null) =>
            buildDataSourceOptions(config.database, embedded, entities),
        }),
      ],
    };
  }
}
