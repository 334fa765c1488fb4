import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type {
  ChildType,
  EcoCategory,
  EmotionalType,
  EnergyDirection,
  NetworkMap,
  PartnershipStatus,
  SupportCode,
  TieStrength,
} from '@casustafel/contracts';
import { HouseholdEntity, NetworkPersonEntity } from '../case-file/household.entity';
import { UserEntity } from '../identity/user.entity';

/**
 * A line of the genogram between the household's people (members and network persons, by id):
 * a partnership, a child line (from a partnership or a single parent) or an emotional relation.
 * The persons are referred to without a foreign key because they live in two tables; links to
 * someone who was removed are deleted with them and ignored when drawn.
 */
@Entity({ name: 'genogram_link' })
@Index('IDX_genogram_link_household', ['householdId'])
export class GenogramLinkEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_genogram_link' })
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_genogram_link_household' })
  household?: HouseholdEntity;

  @Column({ type: 'varchar', length: 12 })
  kind!: 'partnership' | 'child' | 'emotional';

  @Column({ name: 'from_id', type: 'uuid' })
  fromId!: string;

  @Column({ name: 'to_id', type: 'uuid' })
  toId!: string;

  /** Partnership status, child type or emotion, by kind. */
  @Column({ type: 'varchar', length: 14 })
  variant!: PartnershipStatus | ChildType | EmotionalType;

  @Column({ name: 'start_year', type: 'integer', nullable: true })
  startYear!: number | null;

  @Column({ name: 'end_year', type: 'integer', nullable: true })
  endYear!: number | null;

  @Column({ name: 'twin_group', type: 'varchar', length: 8, nullable: true })
  twinGroup!: string | null;

  @Column({ type: 'boolean', default: false })
  directed!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A system around the household in the ecogram (or one of its network persons). */
@Entity({ name: 'eco_tie' })
@Index('IDX_eco_tie_household', ['householdId'])
export class EcoTieEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_eco_tie' })
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_eco_tie_household' })
  household?: HouseholdEntity;

  @Column({ type: 'varchar', length: 20 })
  category!: EcoCategory;

  /** The system's name; null for a network person (drawn with the person's name). */
  @Column({ type: 'varchar', length: 80, nullable: true })
  label!: string | null;

  @Column({ name: 'network_person_id', type: 'uuid', nullable: true })
  networkPersonId!: string | null;

  @ManyToOne(() => NetworkPersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_person_id', foreignKeyConstraintName: 'FK_eco_tie_network_person' })
  networkPerson?: NetworkPersonEntity;

  @Column({ type: 'varchar', length: 10 })
  strength!: TieStrength;

  @Column({ type: 'varchar', length: 16 })
  energy!: EnergyDirection;

  @Column({ type: 'jsonb' })
  codes!: SupportCode[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A named version of a household's maps: the whole model as it was, who saved it and when. */
@Entity({ name: 'network_map_version' })
@Index('IDX_network_map_version_household', ['householdId'])
export class NetworkMapVersionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_network_map_version' })
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'household_id',
    foreignKeyConstraintName: 'FK_network_map_version_household',
  })
  household?: HouseholdEntity;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'jsonb' })
  map!: NetworkMap;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'created_by_user_id',
    foreignKeyConstraintName: 'FK_network_map_version_created_by',
  })
  createdBy?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const NETWORK_MAP_ENTITIES = [GenogramLinkEntity, EcoTieEntity, NetworkMapVersionEntity];
