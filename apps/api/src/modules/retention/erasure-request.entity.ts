import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ErasureRequester, ErasureScope, ErasureStatus } from '@casustafel/contracts';
import type { ErasureException } from '@casustafel/domain';
import { OrganisationEntity } from '../identity/organisation.entity';

/**
 * An AVG art. 17 erasure request. Ids and codes only (no names, no free text but the refusal
 * reason): it outlives the data it erased. The household and person are plain ids, not foreign
 * keys, so the request never holds the case file back.
 */
@Entity({ name: 'erasure_request' })
@Index('IDX_erasure_request_organisation', ['organisationId'])
export class ErasureRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_erasure_request' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_erasure_request_org' })
  organisation?: OrganisationEntity;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'varchar', length: 10 })
  scope!: ErasureScope;

  @Column({ name: 'requested_by', type: 'varchar', length: 30 })
  requestedBy!: ErasureRequester;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: ErasureStatus;

  @Column({ type: 'jsonb' })
  exceptions!: ErasureException[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'assessed_by', type: 'uuid', nullable: true })
  assessedBy!: string | null;

  @Column({ name: 'assessed_at', type: 'timestamptz', nullable: true })
  assessedAt!: Date | null;

  @Column({ name: 'executed_by', type: 'uuid', nullable: true })
  executedBy!: string | null;

  @Column({ name: 'executed_at', type: 'timestamptz', nullable: true })
  executedAt!: Date | null;
}
