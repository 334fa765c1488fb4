import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type {
  Address,
  Gender,
  ConsentPurpose,
  ConsentRecipient,
  HouseholdRole,
  LegalBasis,
  NetworkRelation,
} from './case-file.types';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';

/** A household (huishouden) a team works with. The label is how the team refers to it. */
@Entity({ name: 'household' })
@Index('IDX_household_team', ['teamId'])
export class HouseholdEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_household' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_household_team' })
  team?: TeamEntity;

  @Column({ type: 'varchar', length: 80 })
  label!: string;

  @Column({ type: 'jsonb', nullable: true })
  address!: Address | null;

  /** Counts the changes of the network maps (genogram, ecogram); clients compare it. */
  @Column({ name: 'network_revision', type: 'integer', default: 0 })
  networkRevision!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A member of a household. The BSN is stored sealed (SecretBox, context `bsn:<personId>`). */
@Entity({ name: 'person' })
@Index('IDX_person_household', ['householdId'])
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_person' })
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_person_household' })
  household?: HouseholdEntity;

  @Column({ name: 'given_name', type: 'varchar', length: 60 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 80 })
  familyName!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: HouseholdRole;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** `SecretBox.seal(bsn, 'bsn:<id>')`; never the plain number. */
  @Column({ name: 'bsn_sealed', type: 'varchar', length: 255, nullable: true })
  bsnSealed!: string | null;

  /** Genogram: sex or gender as drawn (square, circle, diamond); `onbekend` until known. */
  @Column({ type: 'varchar', length: 10, default: 'onbekend' })
  gender!: Gender;

  @Column({ name: 'birth_year', type: 'integer', nullable: true })
  birthYear!: number | null;

  /** Recorded only after the professional confirmed it (the UI asks first). */
  @Column({ type: 'boolean', default: false })
  deceased!: boolean;

  @Column({ name: 'death_year', type: 'integer', nullable: true })
  deathYear!: number | null;

  /** The genogram's index person (drawn with a double border). */
  @Column({ name: 'index_person', type: 'boolean', default: false })
  indexPerson!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Someone in the household's network (family, neighbour, volunteer, professional). */
@Entity({ name: 'network_person' })
@Index('IDX_network_person_household', ['householdId'])
export class NetworkPersonEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_network_person' })
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_network_person_household' })
  household?: HouseholdEntity;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  relation!: NetworkRelation;

  @Column({ name: 'relation_detail', type: 'varchar', length: 80, nullable: true })
  relationDetail!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  /** Genogram: sex or gender as drawn (square, circle, diamond); `onbekend` until known. */
  @Column({ type: 'varchar', length: 10, default: 'onbekend' })
  gender!: Gender;

  @Column({ name: 'birth_year', type: 'integer', nullable: true })
  birthYear!: number | null;

  /** Recorded only after the professional confirmed it (the UI asks first). */
  @Column({ type: 'boolean', default: false })
  deceased!: boolean;

  @Column({ name: 'death_year', type: 'integer', nullable: true })
  deathYear!: number | null;

  /** The genogram's index person (drawn with a double border). */
  @Column({ name: 'index_person', type: 'boolean', default: false })
  indexPerson!: boolean;

  /** Drawn only in the maps (e.g. a deceased grandparent): still one list of the household's people. */
  @Column({ name: 'map_only', type: 'boolean', default: false })
  mapOnly!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One entry of the consent ledger: a consent or another legal basis. Withdrawn, never deleted. */
@Entity({ name: 'consent' })
@Index('IDX_consent_household', ['householdId'])
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_consent' })
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_consent_household' })
  household?: HouseholdEntity;

  @Column({ type: 'varchar', length: 30 })
  basis!: 'toestemming' | 'wettelijke-grondslag';

  @Column({ name: 'legal_basis', type: 'varchar', length: 40, nullable: true })
  legalBasis!: LegalBasis | null;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'varchar', length: 40 })
  purpose!: ConsentPurpose;

  @Column({ name: 'data_categories', type: 'jsonb' })
  dataCategories!: string[];

  @Column({ type: 'jsonb' })
  recipients!: ConsentRecipient[];

  @Column({ name: 'granted_by_person_id', type: 'uuid', nullable: true })
  grantedByPersonId!: string | null;

  @Column({ name: 'recorded_by_user_id', type: 'uuid' })
  recordedByUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_user_id', foreignKeyConstraintName: 'FK_consent_recorded_by' })
  recordedBy?: UserEntity;

  @Column({ name: 'granted_at', type: 'date' })
  grantedAt!: string;

  @Column({ name: 'expires_at', type: 'date', nullable: true })
  expiresAt!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
