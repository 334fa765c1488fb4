import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SecretBox } from '../../common/crypto/secret-box';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { SECRET_BOX } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import { FamilyDemoService } from '../household-story/family-demo.service';
import { MembershipEntity } from '../identity/membership.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { TeamEntity } from '../identity/team.entity';
import { NEW_ACCOUNT, UserEntity } from '../identity/user.entity';
import { seedInsightDemo } from '../insight/insight-demo';
import { ErasureRequestEntity } from '../retention/erasure-request.entity';
import { type DemoCaseFile, seedDemoCaseFile } from './demo-case-file.seed';
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from './demo-data';
import { seedIntervisionDemo } from './demo-intervision.seed';
import { seedDemoMeetings, seedDemoPublication } from './demo-meetings.seed';

export { DEMO_PASSWORD, DEMO_USERS } from './demo-data';

/**
 * In demo mode, on the first start with an empty database: the fictional "Gemeente
 * Voorbeeldstad" with two teams and members of several disciplines and roles (the data is in
 * demo-data.ts; the seeds write it). Every start then prints how to sign in. Production refuses
 * demo mode (env schema).
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly familyDemo: FamilyDemoService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    const seeded = await this.seed();
    this.logger.log({ seeded }, seeded ? 'Demo organisation created' : 'Demo organisation present');
    if (this.config.nodeEnv !== 'test' && this.config.logLevel !== 'silent') {
      const family = await this.familyDemo.freshDemoLink();
      process.stdout.write(this.banner(family));
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
      for (const team of DEMO_TEAMS) {
        teams.set(
          team.name,
          await manager.save(
            manager.create(TeamEntity, { ...team, organisationId: organisation.id }),
          ),
        );
      }
      const users = new Map<string, string>();
      for (const demo of DEMO_USERS) {
        const user = await manager.save(
          manager.create(UserEntity, {
            ...NEW_ACCOUNT,
            organisationId: organisation.id,
            email: demo.email,
            displayName: demo.displayName,
            discipline: demo.discipline,
            orgAdmin: demo.orgAdmin ?? false,
            passwordHash,
          }),
        );
        users.set(demo.email.split('@')[0] as string, user.id);
        for (const [teamName, roles] of demo.teams) {
          const team = teams.get(teamName) as TeamEntity;
          await manager.save(
            manager.create(MembershipEntity, { teamId: team.id, userId: user.id, roles }),
          );
        }
      }
      const teamId = (name: string) => (teams.get(name) as TeamEntity).id;
      const userId = (name: string) => users.get(name) as string;
      const now = this.clock.now();
      const households = await seedDemoCaseFile(manager, {
        team: teamId,
        user: userId,
        secrets: this.secrets,
        now,
      });
      const nextMeeting = await seedDemoMeetings(
        manager,
        teamId('Wijkteam Noord'),
        userId,
        households.readyPreparation,
        now,
      );
      await seedDemoPublication(manager, teamId, nextMeeting, this.clock.now());
      await this.seedErasureRequests(manager, organisation.id, households, userId);
      await seedInsightDemo(
        manager,
        organisation.id,
        users.get('sanne') as string,
        this.clock.now(),
      );
      await seedIntervisionDemo(
        manager,
        teamId('Wijkteam Noord'),
        userId,
        this.secrets,
        this.clock.now(),
      );
      return true;
    });
  }

  /**
   * Two AVG art. 17 requests for the administrator to decide on (/beheer/verwijderverzoeken):
   * one just received for a household of Noord, one for a person of Zuid. Filed by a member of
   * the household's team, as the household page does.
   */
  private async seedErasureRequests(
    manager: EntityManager,
    organisationId: string,
    households: DemoCaseFile,
    user: (name: string) => string,
  ): Promise<void> {
    const now = this.clock.now();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const base = {
      organisationId,
      status: 'ontvangen' as const,
      exceptions: [],
      reason: null,
      assessedBy: null,
      assessedAt: null,
      executedBy: null,
      executedAt: null,
    };
    await manager.save(
      manager.create(ErasureRequestEntity, {
        ...base,
        householdId: households.deBoer,
        personId: null,
        scope: 'household',
        requestedBy: 'betrokkene',
        receivedOn: daysAgo(2).toISOString().slice(0, 10),
        recordedBy: user('priya'),
        recordedAt: daysAgo(2),
      }),
    );
    await manager.save(
      manager.create(ErasureRequestEntity, {
        ...base,
        householdId: households.visser,
        personId: households.visserPerson,
        scope: 'person',
        requestedBy: 'wettelijk-vertegenwoordiger',
        receivedOn: daysAgo(6).toISOString().slice(0, 10),
        recordedBy: user('mehmet'),
        recordedAt: daysAgo(5),
      }),
    );
  }

  private banner(family: { link: string; code: string } | null): string {
    const url = this.config.publicUrl.origin;
    const rows = DEMO_USERS.map((u) => `    ${u.email.padEnd(28)} ${u.role}`).join('\n');
    const familyLine = family
      ? `  The demo family opens its plan at ${family.link} with code ${family.code} (new at every start).\n`
      : '';
    return `\n  Casustafel demo — Gemeente Voorbeeldstad (fictieve gegevens)\n  Open ${url} and sign in with one of these accounts, password ${DEMO_PASSWORD}\n${rows}\n${familyLine}  (Demo mode: the second factor is optional. Never use demo mode for real data.)\n\n`;
  }
}
