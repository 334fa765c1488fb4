import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { InstanceEntity } from './instance.entity';

/** Owns the single `instance` row: created at first start, reused on every later start. */
@Injectable()
export class InstanceService implements OnApplicationBootstrap {
  private readonly logger = new Logger(InstanceService.name);
  private current: InstanceEntity | null = null;

  constructor(
    @InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { instance, created } = await this.ensure();
    this.logger.log(
      { instanceId: instance.id, created },
      created ? 'Instance initialised' : 'Instance reused',
    );
  }

  /** Creates the row if missing (safe under concurrent starts) and records the schema version. */
  async ensure(): Promise<{ instance: InstanceEntity; created: boolean }> {
    const schemaVersion = this.latestMigration();
    const inserted = await this.instances
      .createQueryBuilder()
      .insert()
      .values({ singleton: true, schemaVersion })
      .orIgnore()
      .returning('id')
      .execute();
    const created = inserted.raw.length > 0;
    if (!created) await this.instances.update({ singleton: true }, { schemaVersion });
    const instance = await this.instances.findOneByOrFail({ singleton: true });
    this.current = instance;
    return { instance, created };
  }

  /** The instance as of the last `ensure()`, or null before the first. */
  get(): InstanceEntity | null {
    return this.current;
  }

  private latestMigration(): string {
    const names = this.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
    return names.at(-1) ?? 'none';
  }
}
