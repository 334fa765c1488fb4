import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * This installation of Casustafel: exactly one row, created at first start. Its id and
 * creation time show that a restart reused the stored data instead of starting afresh.
 */
@Entity({ name: 'instance' })
@Unique('UQ_instance_singleton', ['singleton'])
@Check('CHK_instance_singleton', '"singleton"')
export class InstanceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_instance' })
  id!: string;

  /** Always true; with the unique constraint it allows a single row. */
  @Column({ type: 'boolean', default: true })
  singleton!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The name of the newest migration applied when the row was last touched. */
  @Column({ name: 'schema_version', type: 'varchar', length: 200 })
  schemaVersion!: string;
}
