import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { generateSecret } from 'otplib';
import type { DataSource } from 'typeorm';
import type { Discipline, TeamRole, TeamType } from '@casustafel/contracts';
import type { SecretBox } from '../../src/common/crypto/secret-box';
import { SECRET_BOX } from '../../src/modules/auth/auth.service';
import { PasswordHasher } from '../../src/modules/auth/password-hasher';
import { MembershipEntity } from '../../src/modules/identity/membership.entity';
import { OrganisationEntity } from '../../src/modules/identity/organisation.entity';
import { TeamEntity } from '../../src/modules/identity/team.entity';
import { UserEntity } from '../../src/modules/identity/user.entity';

export const TEST_PASSWORD = 'lange-zin-met-fietsbel-42';

export function dataSourceOf(app: NestFastifyApplication): DataSource {
  return app.get<DataSource>(getDataSourceToken());
}

export async function createOrganisation(
  app: NestFastifyApplication,
  overrides: Partial<OrganisationEntity> = {},
) {
  const repo = dataSourceOf(app).getRepository(OrganisationEntity);
  return repo.save(
    repo.create({
      name: `Gemeente ${randomUUID().slice(0, 6)}`,
      kind: 'gemeente',
      isDemo: false,
      ...overrides,
    }),
  );
}

export async function createTeam(
  app: NestFastifyApplication,
  organisationId: string,
  overrides: Partial<{ name: string; type: TeamType }> = {},
) {
  const repo = dataSourceOf(app).getRepository(TeamEntity);
  return repo.save(
    repo.create({
      organisationId,
      name: `Wijkteam ${randomUUID().slice(0, 6)}`,
      type: 'integraal',
      ...overrides,
    }),
  );
}

export interface CreateUserOptions {
  organisationId: string;
  email?: string;
  displayName?: string;
  discipline?: Discipline;
  orgAdmin?: boolean;
  password?: string | null;
  /** Enrol a TOTP second factor with this (or a new) secret. */
  totp?: boolean;
  teams?: [string, TeamRole[]][];
}

export async function createUser(app: NestFastifyApplication, options: CreateUserOptions) {
  const dataSource = dataSourceOf(app);
  const hasher = app.get(PasswordHasher);
  const box = app.get<SecretBox>(SECRET_BOX);
  const id = randomUUID();
  const secret = options.totp ? generateSecret() : null;
  const password = options.password === undefined ? TEST_PASSWORD : options.password;
  const user = await dataSource.getRepository(UserEntity).save({
    id,
    organisationId: options.organisationId,
    email: options.email ?? `user-${id.slice(0, 8)}@voorbeeldstad.test`,
    displayName: options.displayName ?? 'Test Medewerker',
    discipline: options.discipline ?? 'generalist',
    orgAdmin: options.orgAdmin ?? false,
    passwordHash: password ? await hasher.hash(password) : null,
    totpSecret: secret ? box.seal(secret, `totp:${id}`) : null,
    totpEnabledAt: secret ? new Date() : null,
    totpLastStep: null,
    activationTokenHash: null,
    activationExpiresAt: null,
    disabledAt: null,
    lastLoginAt: null,
  });
  for (const [teamId, roles] of options.teams ?? []) {
    await dataSource.getRepository(MembershipEntity).save({ teamId, userId: user.id, roles });
  }
  return { user, password, totpSecret: secret };
}
