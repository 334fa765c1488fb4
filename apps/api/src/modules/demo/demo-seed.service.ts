import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Discipline, TeamRole, TeamType } from '@casustafel/contracts';
import {
  type MeldcodeRecord,
  type MeldcodeStepInput,
  ZRM_DOMAIN_KEYS_2017,
  applyStep,
  casePreparationContentSchema,
  newMeldcodeRecord,
} from '@casustafel/domain';
import type { SecretBox } from '../../common/crypto/secret-box';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { SECRET_BOX } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import {
  CaseEntity,
  CaseStatusChangeEntity,
  MeldcodeRecordEntity,
  PreparationCommentEntity,
  PreparationEntity,
  ZrmAssessmentEntity,
} from '../case-file/case.entity';
import type { CaseStatus, HouseholdRole } from '../case-file/case-file.types';
import {
  ConsentEntity,
  HouseholdEntity,
  NetworkPersonEntity,
  PersonEntity,
} from '../case-file/household.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';
import { seedInsightDemo } from '../insight/insight-demo';

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
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly clock: Clock,
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
      const users = new Map<string, string>();
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
        users.set(demo.email.split('@')[0] as string, user.id);
        for (const [teamName, roles] of demo.teams) {
          const team = teams.get(teamName) as TeamEntity;
          await manager.save(
            manager.create(MembershipEntity, { teamId: team.id, userId: user.id, roles }),
          );
        }
      }
      await this.seedCaseFile(
        manager,
        (name) => (teams.get(name) as TeamEntity).id,
        (name) => users.get(name) as string,
      );
      await seedInsightDemo(
        manager,
        organisation.id,
        users.get('sanne') as string,
        this.clock.now(),
      );
      return true;
    });
  }

  /**
   * Fictional households with members, network, consent (one valid, one expired), cases in
   * several statuses with their history, a ZRM 2017 history, one open Meldcode record (steps 1
   * and 2) and a ready and a draft preparation. Every name, address and BSN is invented.
   */
  private async seedCaseFile(
    manager: EntityManager,
    team: (name: string) => string,
    user: (name: string) => string,
  ): Promise<void> {
    const now = this.clock.now();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const date = (n: number) => daysAgo(n).toISOString().slice(0, 10);
    const noord = team('Wijkteam Noord');
    const zuid = team('Wijkteam Zuid');

    const household = async (
      teamId: string,
      label: string,
      createdDaysAgo: number,
      address: { street: string; postcode: string; city: string } | null,
      members: {
        givenName: string;
        familyName: string;
        role: HouseholdRole;
        dateOfBirth: string | null;
        bsn?: string;
      }[],
    ) => {
      const at = daysAgo(createdDaysAgo);
      const h = await manager.save(
        manager.create(HouseholdEntity, { teamId, label, address, createdAt: at, updatedAt: at }),
      );
      const people: PersonEntity[] = [];
      for (const m of members) {
        const id = randomUUID();
        people.push(
          await manager.save(
            manager.create(PersonEntity, {
              id,
              householdId: h.id,
              givenName: m.givenName,
              familyName: m.familyName,
              role: m.role,
              dateOfBirth: m.dateOfBirth,
              phone: null,
              email: null,
              bsnSealed: m.bsn ? this.secrets.seal(m.bsn, `bsn:${id}`) : null,
              createdAt: at,
              updatedAt: at,
            }),
          ),
        );
      }
      return { h, people };
    };
    const network = (
      householdId: string,
      name: string,
      relation: NetworkPersonEntity['relation'],
      relationDetail: string | null,
    ) =>
      manager.save(
        manager.create(NetworkPersonEntity, {
          householdId,
          name,
          relation,
          relationDetail,
          phone: null,
          createdAt: now,
        }),
      );
    const consent = (
      householdId: string,
      grantedBy: string,
      recordedBy: string,
      granted: number,
      expires: number,
    ) =>
      manager.save(
        manager.create(ConsentEntity, {
          householdId,
          basis: 'toestemming',
          legalBasis: null,
          personId: null,
          purpose: 'mdo',
          dataCategories: ['identificatie', 'financien', 'jeugdhulp', 'wonen'],
          recipients: [{ kind: 'team', teamId: noord }],
          grantedByPersonId: grantedBy,
          recordedByUserId: recordedBy,
          grantedAt: date(granted),
          expiresAt: date(expires),
          withdrawnAt: null,
          note: 'Toestemming mondeling gegeven en ondertekend (fictief).',
          createdAt: daysAgo(granted),
        }),
      );
    const newCase = async (
      teamId: string,
      householdId: string,
      title: string,
      regisseur: string,
      history: [CaseStatus, number][],
    ) => {
      const last = history.at(-1) as [CaseStatus, number];
      const c = await manager.save(
        manager.create(CaseEntity, {
          teamId,
          householdId,
          title,
          casusregisseurId: regisseur,
          procesregisseurId: null,
          involved: [],
          status: last[0],
          createdAt: daysAgo(history[0]?.[1] ?? 0),
          updatedAt: daysAgo(last[1]),
        }),
      );
      for (const [status, ago] of history) {
        await manager.save(
          manager.create(CaseStatusChangeEntity, {
            caseId: c.id,
            status,
            at: daysAgo(ago),
            byUserId: regisseur,
          }),
        );
      }
      return c;
    };

    // Noord 1: Jansen — uitvoering, ZRM history, consent valid, a ready preparation.
    const jansen = await household(
      noord,
      'Huishouden Jansen',
      160,
      {
        street: 'Lindelaan 12',
        postcode: '9999ZZ',
        city: 'Voorbeeldstad',
      },
      [
        {
          givenName: 'Marieke',
          familyName: 'Jansen',
          role: 'ouder',
          dateOfBirth: '1986-04-12',
          bsn: '111222333',
        },
        { givenName: 'Tim', familyName: 'Jansen', role: 'kind', dateOfBirth: '2014-09-03' },
        { givenName: 'Noor', familyName: 'Jansen', role: 'kind', dateOfBirth: '2017-02-21' },
      ],
    );
    const marieke = jansen.people[0] as PersonEntity;
    await network(jansen.h.id, 'Riet Jansen', 'familie', 'oma van moederskant');
    await network(jansen.h.id, 'Els Smit', 'buur', 'buurvrouw, past soms op');
    await consent(jansen.h.id, marieke.id, user('fatima'), 150, -215);
    const jansenCase = await newCase(
      noord,
      jansen.h.id,
      'Schulden en opvoedvragen',
      user('fatima'),
      [
        ['aanmelding', 150],
        ['vraagverheldering', 143],
        ['plan', 120],
        ['uitvoering', 100],
      ],
    );
    let latestZrm = '';
    for (const [ago, base] of [
      [145, 2],
      [90, 3],
      [12, 3],
    ] as const) {
      const domains = Object.fromEntries(
        ZRM_DOMAIN_KEYS_2017.map((key, i) => {
          const score = Math.min(5, base + ((i + ago) % 3) - (key === 'financien' ? 1 : 0));
          return [
            key,
            {
              score: Math.max(1, score),
              indicators: [],
              sources: ['client', 'professional'],
              toelichting: '',
            },
          ];
        }),
      );
      const z = await manager.save(
        manager.create(ZrmAssessmentEntity, {
          caseId: jansenCase.id,
          version: '2017',
          assessedAt: date(ago),
          assessorId: user('fatima'),
          domains,
          zwaartefactoren: {},
          createdAt: daysAgo(ago),
        }),
      );
      latestZrm = z.id;
    }
    const ready = await manager.save(
      manager.create(PreparationEntity, {
        caseId: jansenCase.id,
        status: 'ready',
        meetingDate: date(-3),
        content: casePreparationContentSchema.parse({
          vraag:
            'Hoe stemmen we de schuldhulp en de opvoedondersteuning zo af dat moeder niet overbelast raakt?',
          tijdlijn: [
            { datum: '2025-09', tekst: 'Aanmelding via de huisarts: betalingsachterstanden.' },
            { datum: '2025-11', tekst: 'Start budgetbeheer; school meldt zorgen over Tim.' },
          ],
          krachten: 'Moeder is gemotiveerd; oma helpt twee middagen per week.',
          zorgen: 'Oplopende schulden; Tim verzuimt op school.',
          geprobeerd: 'Budgetcursus (afgebroken).',
          opties: 'Schuldhulp via de gemeente; opvoedondersteuning thuis.',
          voorgesteldBesluit: 'Eén plan met één casusregisseur; schuldhulp start eerst.',
          ondergrenzen: 'Geen huisuitzetting; Tim gaat naar school.',
          zrmAssessmentId: latestZrm,
        }) as Record<string, unknown>,
        authorId: user('fatima'),
        createdAt: daysAgo(5),
        updatedAt: daysAgo(2),
        readyAt: daysAgo(2),
      }),
    );
    await manager.save(
      manager.create(PreparationCommentEntity, {
        preparationId: ready.id,
        authorId: user('priya'),
        text: 'Ik kan vooraf checken of er recht is op bijzondere bijstand.',
        createdAt: daysAgo(1),
      }),
    );

    // Noord 2: El Idrissi — plan, expired consent, an open Meldcode record, a draft preparation.
    const idrissi = await household(noord, 'Huishouden El Idrissi', 45, null, [
      { givenName: 'Youssef', familyName: 'El Idrissi', role: 'ouder', dateOfBirth: '1979-11-30' },
      { givenName: 'Sara', familyName: 'El Idrissi', role: 'kind', dateOfBirth: '2012-06-15' },
    ]);
    await network(idrissi.h.id, 'Karim El Idrissi', 'familie', 'oom');
    await consent(idrissi.h.id, (idrissi.people[0] as PersonEntity).id, user('jeroen'), 400, 35);
    const idrissiCase = await newCase(
      noord,
      idrissi.h.id,
      'Zorgen over veiligheid thuis',
      user('jeroen'),
      [
        ['aanmelding', 40],
        ['vraagverheldering', 30],
        ['plan', 10],
      ],
    );
    let record: MeldcodeRecord = newMeldcodeRecord();
    const steps: [MeldcodeStepInput, number][] = [
      [
        {
          step: 1,
          by: user('jeroen'),
          decision: 'Signalen feitelijk vastgelegd: school meldt blauwe plekken (fictief).',
          kindcheck: { kinderenAanwezig: true },
        },
        8,
      ],
      [
        {
          step: 2,
          by: user('jeroen'),
          decision: 'Besproken met de aandachtsfunctionaris: gesprek met vader voeren.',
          consulted: ['aandachtsfunctionaris'],
        },
        6,
      ],
    ];
    for (const [step, ago] of steps) {
      const result = applyStep(record, step, daysAgo(ago));
      if (result.ok) record = result.record;
    }
    await manager.save(
      manager.create(MeldcodeRecordEntity, {
        caseId: idrissiCase.id,
        openedAt: daysAgo(9),
        openedBy: user('jeroen'),
        state: record,
        closedAt: null,
        updatedAt: daysAgo(6),
      }),
    );
    await manager.save(
      manager.create(PreparationEntity, {
        caseId: idrissiCase.id,
        status: 'draft',
        meetingDate: null,
        content: casePreparationContentSchema.parse({
          krachten: 'Vader zoekt zelf hulp; Sara heeft een goede band met haar oom.',
          zorgen: 'Signalen van onveiligheid (Meldcode loopt).',
        }) as Record<string, unknown>,
        authorId: user('jeroen'),
        createdAt: daysAgo(4),
        updatedAt: daysAgo(4),
        readyAt: null,
      }),
    );

    // Noord 3: De Boer — a fresh aanmelding.
    const deBoer = await household(noord, 'Huishouden De Boer', 3, null, [
      { givenName: 'Henk', familyName: 'de Boer', role: 'overig', dateOfBirth: '1951-01-08' },
    ]);
    await newCase(noord, deBoer.h.id, 'Eenzaamheid en woningaanpassing', user('priya'), [
      ['aanmelding', 3],
    ]);

    // Zuid: Visser.
    const visser = await household(zuid, 'Huishouden Visser', 20, null, [
      { givenName: 'Anja', familyName: 'Visser', role: 'ouder', dateOfBirth: '1990-07-19' },
    ]);
    await newCase(zuid, visser.h.id, 'Schuldhulpvraag', user('mehmet'), [
      ['aanmelding', 20],
      ['vraagverheldering', 14],
    ]);
  }

  private banner(): string {
    const url = this.config.publicUrl.origin;
    const rows = DEMO_USERS.map((u) => `    ${u.email.padEnd(28)} ${u.role}`).join('\n');
    return `\n  Casustafel demo — Gemeente Voorbeeldstad (fictieve gegevens)\n  Open ${url} and sign in with one of these accounts, password ${DEMO_PASSWORD}\n${rows}\n  (Demo mode: the second factor is optional. Never use demo mode for real data.)\n\n`;
  }
}
