import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Discipline, TeamRole, TeamType } from '@casustafel/contracts';
import { AppConfig } from '../../config/app-config';
import { PasswordHasher } from '../auth/password-hasher';
import { MembershipEntity } from '../identity/membership.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';

/** Every demo account's password (fictional organisation, demo mode only). */
export const DEMO_PASSWORD = 'Voorbeeldstad-demo-2026';

interface DemoUser {
  email: string;
  displayName: string;
  discipline: Discipline;
  orgAdmin?: boolean;
  teams: [string, TeamRole[]][];
  role: string;
}

const TEAMS: { name: string; type: TeamType }[] = [
  { name: 'Wijkteam Noord', type: 'integraal' },
  { name: 'Wijkteam Zuid', type: 'integraal' },
];

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'beheer@voorbeeldstad.nl',
    displayName: 'Wim Verbeek',
    discipline: 'beleidsmedewerker',
    orgAdmin: true,
    teams: [],
    role: 'organisatiebeheerder',
  },
  {
    email: 'fatima@voorbeeldstad.nl',
    displayName: 'Fatima El Amrani',
    discipline: 'generalist',
    teams: [['Wijkteam Noord', ['member', 'chair']]],
    role: 'voorzitter Wijkteam Noord',
  },
  {
    email: 'sanne@voorbeeldstad.nl',
    displayName: 'Sanne Bakker',
    discipline: 'wmo-consulent',
    teams: [['Wijkteam Noord', ['member', 'team_leader']]],
    role: 'teamleider Wijkteam Noord',
  },
  {
    email: 'jeroen@voorbeeldstad.nl',
    displayName: 'Jeroen de Vries',
    discipline: 'jeugdprofessional',
    teams: [['Wijkteam Noord', ['member']]],
    role: 'lid Wijkteam Noord',
  },
  {
    email: 'priya@voorbeeldstad.nl',
    displayName: 'Priya Ramdin',
    discipline: 'werk-en-inkomen',
    teams: [['Wijkteam Noord', ['member', 'trainer']]],
    role: 'lid en trainer Wijkteam Noord',
  },
  {
    email: 'lotte@voorbeeldstad.nl',
    displayName: 'Lotte Janssen',
    discipline: 'ggz',
    teams: [['Wijkteam Zuid', ['member', 'chair']]],
    role: 'voorzitter Wijkteam Zuid',
  },
  {
    email: 'mehmet@voorbeeldstad.nl',
    displayName: 'Mehmet Yılmaz',
    discipline: 'schuldhulpverlener',
    teams: [['Wijkteam Zuid', ['member']]],
    role: 'lid Wijkteam Zuid',
  },
];

/**
 * In demo mode, on the first start with an empty database: the fictional "Gemeente
 * Voorbeeldstad" with two teams and members of several disciplines and roles. Every start then
 * prints how to sign in. Production refuses demo mode (env schema).
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    const seeded = await this.seed();
    this.logger.log({ seeded }, seeded ? 'Demo organisation created' : 'Demo organisation present');
    if (this.config.nodeEnv !== 'test' && this.config.logLevel !== 'silent') {
      process.stdout.write(this.banner());
    }
  }

  /** Creates the demo organisation when no organisation exists yet; returns whether it did. */
  async seed(): Promise<boolean> {
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    return this.dataSource.transaction(async (manager) => {
      if ((await manager.count(OrganisationEntity)) > 0) return false;
      const organisation = await manager.save(
        manager.create(OrganisationEntity, {
          name: 'Gemeente Voorbeeldstad',
          kind: 'gemeente',
          isDemo: true,
        }),
      );
      const teams = new Map<string, TeamEntity>();
      for (const team of TEAMS) {
        teams.set(
          team.name,
          await manager.save(
            manager.create(TeamEntity, { ...team, organisationId: organisation.id }),
          ),
        );
      }
      for (const demo of DEMO_USERS) {
        const user = await manager.save(
          manager.create(UserEntity, {
            organisationId: organisation.id,
            email: demo.email,
            displayName: demo.displayName,
            discipline: demo.discipline,
            orgAdmin: demo.orgAdmin ?? false,
            passwordHash,
            totpSecret: null,
            totpEnabledAt: null,
            totpLastStep: null,
            activationTokenHash: null,
            activationExpiresAt: null,
            disabledAt: null,
            lastLoginAt: null,
          }),
        );
        for (const [teamName, roles] of demo.teams) {
          const team = teams.get(teamName) as TeamEntity;
          await manager.save(
            manager.create(MembershipEntity, { teamId: team.id, userId: user.id, roles }),
          );
        }
      }
      return true;
    });
  }

  private banner(): string {
    const url = this.config.publicUrl.origin;
    const rows = DEMO_USERS.map((u) => `    ${u.email.padEnd(28)} ${u.role}`).join('\n');
    return `\n  Casustafel demo — Gemeente Voorbeeldstad (fictieve gegevens)\n  Open ${url} and sign in with one of these accounts, password ${DEMO_PASSWORD}\n${rows}\n  (Demo mode: the second factor is optional. Never use demo mode for real data.)\n\n`;
  }
}
