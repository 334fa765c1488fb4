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
import { FamilyDemoService } from '../household-story/family-demo.service';
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
import { EcoTieEntity, GenogramLinkEntity } from '../network-map/network-map.entities';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { NotificationEntity } from '../notifications/notification.entities';
import { ErasureRequestEntity } from '../retention/erasure-request.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { ActionEntity, DecisionEntity } from '../meeting-records/meeting-records.entities';
import { OrganisationEntity } from '../identity/organisation.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';
import { seedDemoPlan } from './demo-plan.seed';
import { seedIntervisionDemo } from './demo-intervision.seed';
import { seedConferenceDemo } from './demo-conference.seed';
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
      const teamId = (name: string) => (teams.get(name) as TeamEntity).id;
      const userId = (name: string) => users.get(name) as string;
      const households = await this.seedCaseFile(manager, teamId, userId);
      await this.seedMeetingAndNotifications(manager, teamId, households.nextMeeting);
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
   * The Jansen household's genogram (three generations: grandparents with a deceased
   * grandfather, Marieke and her ex-partner, the children) and ecogram (school, work, GP, GGZ,
   * the neighbour, grandmother, football). Map-only persons are network persons of the household.
   */
  private async seedNetworkMaps(
    manager: EntityManager,
    householdId: string,
    people: PersonEntity[],
    riet: NetworkPersonEntity,
    els: NetworkPersonEntity,
  ): Promise<void> {
    const now = this.clock.now();
    const [marieke, tim, noor] = people as [PersonEntity, PersonEntity, PersonEntity];
    await manager.update(PersonEntity, { id: marieke.id }, { gender: 'vrouw' });
    await manager.update(PersonEntity, { id: tim.id }, { gender: 'man', indexPerson: true });
    await manager.update(PersonEntity, { id: noor.id }, { gender: 'vrouw' });
    await manager.update(
      NetworkPersonEntity,
      { id: riet.id },
      { gender: 'vrouw', birthYear: 1958 },
    );
    await manager.update(NetworkPersonEntity, { id: els.id }, { gender: 'vrouw', birthYear: 1961 });
    const mapOnly = (
      name: string,
      relationDetail: string,
      gender: 'man' | 'vrouw',
      birthYear: number,
      deathYear: number | null = null,
    ) =>
      manager.save(
        manager.create(NetworkPersonEntity, {
          householdId,
          name,
          relation: 'familie',
          relationDetail,
          phone: null,
          gender,
          birthYear,
          deceased: deathYear !== null,
          deathYear,
          indexPerson: false,
          mapOnly: true,
          createdAt: now,
        }),
      );
    const henk = await mapOnly('Henk Jansen', 'opa van moederskant', 'man', 1955, 2020);
    const dennis = await mapOnly('Dennis de Wit', 'vader van Tim en Noor', 'man', 1984);
    const link = (
      kind: GenogramLinkEntity['kind'],
      fromId: string,
      toId: string,
      variant: GenogramLinkEntity['variant'],
      extra: Partial<GenogramLinkEntity> = {},
    ) =>
      manager.save(
        manager.create(GenogramLinkEntity, {
          householdId,
          kind,
          fromId,
          toId,
          variant,
          startYear: null,
          endYear: null,
          twinGroup: null,
          directed: false,
          createdAt: now,
          ...extra,
        }),
      );
    const grandparents = await link('partnership', henk.id, riet.id, 'getrouwd', {
      startYear: 1980,
    });
    const parents = await link('partnership', dennis.id, marieke.id, 'gescheiden', {
      startYear: 2012,
      endYear: 2019,
    });
    await link('child', grandparents.id, marieke.id, 'biologisch');
    await link('child', parents.id, tim.id, 'biologisch');
    await link('child', parents.id, noor.id, 'biologisch');
    await link('emotional', marieke.id, dennis.id, 'conflict');
    await link('emotional', tim.id, riet.id, 'hecht');
    const tie = (
      category: EcoTieEntity['category'],
      label: string | null,
      strength: EcoTieEntity['strength'],
      energy: EcoTieEntity['energy'],
      codes: EcoTieEntity['codes'],
      networkPersonId: string | null = null,
    ) =>
      manager.save(
        manager.create(EcoTieEntity, {
          householdId,
          category,
          label,
          networkPersonId,
          strength,
          energy,
          codes,
          createdAt: now,
        }),
      );
    await tie('school', 'Basisschool De Regenboog', 'sterk', 'naar-huishouden', ['P', 'A']);
    await tie('werk', 'Supermarkt De Hoek', 'stressvol', 'van-huishouden', []);
    await tie('huisarts', 'Huisartsenpraktijk Lindelaan', 'zwak', 'wederzijds', ['A']);
    await tie('ggz', 'GGZ Voorbeeldstad', 'wankel', 'naar-huishouden', ['E']);
    await tie('buren', null, 'sterk', 'naar-huishouden', ['P', 'G'], els.id);
    await tie('familie', null, 'sterk', 'wederzijds', ['G', 'E'], riet.id);
    await tie('sport', 'VV Noord (voetbal Tim)', 'wankel', 'naar-huishouden', ['G']);
    await manager.update(HouseholdEntity, { id: householdId }, { networkRevision: 1 });
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
  ): Promise<{ deBoer: string; visser: string; visserPerson: string; nextMeeting: string }> {
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
    const riet = await network(jansen.h.id, 'Riet Jansen', 'familie', 'oma van moederskant');
    const els = await network(jansen.h.id, 'Els Smit', 'buur', 'buurvrouw, past soms op');
    await this.seedNetworkMaps(manager, jansen.h.id, jansen.people, riet, els);
    await seedConferenceDemo(manager, {
      householdId: jansen.h.id,
      teamId: noord,
      marieke,
      riet,
      els,
      professionalId: user('fatima'),
      coordinatorId: user('lotte'),
      now: this.clock.now(),
    });
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
    let latestScores: Record<string, number> = {};
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
      latestScores = Object.fromEntries(
        Object.entries(domains).map(([key, value]) => [key, value.score]),
      );
    }
    await seedDemoPlan(manager, {
      teamId: noord,
      householdId: jansen.h.id,
      caseId: jansenCase.id,
      chairId: user('fatima'),
      regisseurId: user('fatima'),
      regisseurName: 'Fatima El Amrani',
      latestZrm: latestScores,
      now,
    });
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

    // Noord 4: Yılmaz — a past meeting discussed the case: a decision and two actions; the
    // family has a link to their plan (FamilyDemoService prints a fresh code at every start).
    const yilmaz = await household(noord, 'Huishouden Yılmaz', 60, null, [
      { givenName: 'Şükrü', familyName: 'Yılmaz', role: 'ouder', dateOfBirth: '1980-05-02' },
      { givenName: 'Ayşe', familyName: 'Yılmaz', role: 'ouder', dateOfBirth: '1983-10-17' },
      { givenName: 'Elif', familyName: 'Yılmaz', role: 'kind', dateOfBirth: '2013-03-08' },
    ]);
    await consent(yilmaz.h.id, (yilmaz.people[0] as PersonEntity).id, user('jeroen'), 55, -310);
    const yilmazCase = await newCase(noord, yilmaz.h.id, 'Werk, geld en school', user('jeroen'), [
      ['aanmelding', 55],
      ['vraagverheldering', 40],
      ['plan', 10],
    ]);
    await manager.save(
      manager.create(ZrmAssessmentEntity, {
        caseId: yilmazCase.id,
        version: '2017',
        assessedAt: date(30),
        assessorId: user('jeroen'),
        domains: Object.fromEntries(
          ZRM_DOMAIN_KEYS_2017.map((key) => [
            key,
            {
              score:
                { financien: 2, 'werk-en-opleiding': 2, huisvesting: 4, 'sociaal-netwerk': 4 }[
                  key as string
                ] ?? 3,
              indicators: [],
              sources: ['client'],
              toelichting: '',
            },
          ]),
        ),
        zwaartefactoren: {},
        createdAt: daysAgo(30),
      }),
    );
    const yilmazPrep = await manager.save(
      manager.create(PreparationEntity, {
        caseId: yilmazCase.id,
        status: 'ready',
        meetingDate: date(14),
        content: casePreparationContentSchema.parse({
          vraag: 'Wat is de eerste stap naar werk voor vader, zonder dat de schulden groeien?',
          krachten: 'Het gezin praat open met elkaar.\nOpa en oma wonen dichtbij en helpen.',
          zorgen: 'Er zijn schulden.\nVader zoekt al lang werk.\nElif gaat niet graag naar school.',
        }) as Record<string, unknown>,
        authorId: user('jeroen'),
        createdAt: daysAgo(20),
        updatedAt: daysAgo(15),
        readyAt: daysAgo(15),
      }),
    );
    const meetingAt = daysAgo(14);
    const pastMeeting = await manager.save(
      manager.create(MeetingEntity, {
        teamId: noord,
        seriesId: null,
        type: 'casuistiekoverleg',
        startsAt: meetingAt,
        durationMinutes: 90,
        chairId: user('fatima'),
        timekeeperId: null,
        minuteTakerId: null,
        published: true,
        status: 'afgesloten',
        liveState: null,
        seq: 0,
        createdAt: daysAgo(21),
        updatedAt: meetingAt,
      }),
    );
    const item = await manager.save(
      manager.create(AgendaItemEntity, {
        meetingId: pastMeeting.id,
        kind: 'casusbespreking',
        title: 'Huishouden Yılmaz',
        presenterId: user('jeroen'),
        timeBoxMinutes: 20,
        position: 0,
        status: 'besproken',
        preparationId: yilmazPrep.id,
        carriedFromItemId: null,
        consentJustification: null,
        consentJustifiedBy: null,
        consentJustifiedAt: null,
      }),
    );
    const decision = await manager.save(
      manager.create(DecisionEntity, {
        meetingId: pastMeeting.id,
        agendaItemId: item.id,
        commandId: randomUUID(),
        type: 'verwijzing-1e-lijn',
        text: 'Vader gaat naar het werkplein; schuldhulp start tegelijk.',
        rationale: 'Werk en schulden hangen samen; het gezin wil dit zelf ook.',
        decidedById: user('fatima'),
        recordedById: user('fatima'),
        decidedAt: new Date(meetingAt.getTime() + 30 * 60_000),
      }),
    );
    for (const [text, owner, dueIn, status] of [
      ['Afspraak maken bij het werkplein', 'priya', 10, 'open'],
      ['Gesprek met de school van Elif', 'jeroen', -3, 'gereed'],
    ] as const)
      await manager.save(
        manager.create(ActionEntity, {
          meetingId: pastMeeting.id,
          teamId: noord,
          agendaItemId: item.id,
          decisionId: decision.id,
          commandId: randomUUID(),
          description: text,
          ownerId: user(owner),
          due: date(-dueIn),
          status,
          createdById: user('fatima'),
          createdAt: new Date(meetingAt.getTime() + 35 * 60_000),
          updatedAt: status === 'gereed' ? daysAgo(3) : new Date(meetingAt.getTime() + 35 * 60_000),
        }),
      );

    // Zuid: Visser.
    const visser = await household(zuid, 'Huishouden Visser', 20, null, [
      { givenName: 'Anja', familyName: 'Visser', role: 'ouder', dateOfBirth: '1990-07-19' },
    ]);
    await newCase(zuid, visser.h.id, 'Schuldhulpvraag', user('mehmet'), [
      ['aanmelding', 20],
      ['vraagverheldering', 14],
    ]);

    const nextMeeting = await this.seedMeetings(manager, noord, user, ready.id, now);
    return {
      deBoer: deBoer.h.id,
      visser: visser.h.id,
      visserPerson: (visser.people[0] as PersonEntity).id,
      nextMeeting,
    };
  }

  /**
   * Wijkteam Noord's meetings: last week's (closed; its actions still open, one overdue) and one
   * this week (published, with roles), whose agenda opens with the follow-up of those actions,
   * then the Jansen case (its preparation in the room) and an announcement.
   */
  private async seedMeetings(
    manager: EntityManager,
    noord: string,
    user: (name: string) => string,
    preparationId: string,
    now: Date,
  ): Promise<string> {
    const day = 86_400_000;
    /** 09:30 in Amsterdam (08:30 UTC in winter, 07:30 in summer, near enough for a demo). */
    const morning = (daysFromNow: number) => {
      const d = new Date(now.getTime() + daysFromNow * day);
      d.setUTCHours(8, 30, 0, 0);
      return d;
    };
    const date = (daysFromNow: number) =>
      new Date(now.getTime() + daysFromNow * day).toISOString().slice(0, 10);
    const meeting = (startsAt: Date, status: 'afgesloten' | 'gepland') =>
      manager.save(
        manager.create(MeetingEntity, {
          teamId: noord,
          seriesId: null,
          type: 'casuistiekoverleg',
          startsAt,
          durationMinutes: 90,
          chairId: user('fatima'),
          timekeeperId: user('priya'),
          minuteTakerId: user('sanne'),
          published: true,
          status,
          liveState: null,
          seq: 0,
          createdAt: new Date(startsAt.getTime() - 7 * day),
          updatedAt: new Date(startsAt.getTime() - day),
        }),
      );
    const item = (
      meetingId: string,
      position: number,
      fields: Partial<AgendaItemEntity> & Pick<AgendaItemEntity, 'kind'>,
    ) =>
      manager.save(
        manager.create(AgendaItemEntity, {
          meetingId,
          title: '',
          presenterId: user('fatima'),
          timeBoxMinutes: 10,
          position,
          status: 'gepland',
          preparationId: null,
          carriedFromItemId: null,
          consentJustification: null,
          consentJustifiedBy: null,
          consentJustifiedAt: null,
          ...fields,
        }),
      );

    const last = await meeting(morning(-7), 'afgesloten');
    const discussed = await item(last.id, 0, {
      kind: 'casusbespreking',
      presenterId: user('fatima'),
      timeBoxMinutes: 25,
      status: 'besproken',
      preparationId,
    });
    const action = (owner: string, description: string, due: string) =>
      manager.save(
        manager.create(ActionEntity, {
          meetingId: last.id,
          teamId: noord,
          agendaItemId: discussed.id,
          decisionId: null,
          commandId: randomUUID(),
          description,
          ownerId: user(owner),
          due,
          status: 'open',
          createdById: user('fatima'),
          createdAt: last.startsAt,
          updatedAt: last.startsAt,
        }),
      );
    await action('sanne', 'Bijzondere bijstand voor gezin Jansen aanvragen', date(-2));
    await action('priya', 'Schoolmaatschappelijk werk vragen naar het verzuim van Tim', date(5));
    await action('fatima', 'Afstemmen met de schuldhulp over de startdatum', date(3));

    const next = await meeting(morning(1), 'gepland');
    await item(next.id, 0, { kind: 'opvolging-acties', timeBoxMinutes: 10 });
    await item(next.id, 1, {
      kind: 'casusbespreking',
      presenterId: user('fatima'),
      timeBoxMinutes: 25,
      preparationId,
    });
    await item(next.id, 2, {
      kind: 'mededeling',
      title: 'Nieuwe werkinstructie huisbezoeken',
      presenterId: user('sanne'),
      timeBoxMinutes: 10,
    });
    return next.id;
  }

  /**
   * What the publication of Wijkteam Noord's next casuïstiekoverleg (seeded with the case file,
   * agenda published yesterday) notified: every member of the team has an unread "agenda
   * published" on the bell and on /meldingen, as a real publication would leave them.
   */
  private async seedMeetingAndNotifications(
    manager: EntityManager,
    team: (name: string) => string,
    meetingId: string,
  ): Promise<void> {
    const now = this.clock.now();
    const publishedAt = new Date(now.getTime() - 86_400_000);
    const meeting = await manager.findOneByOrFail(MeetingEntity, { id: meetingId });
    const startsAt = meeting.startsAt;
    const members = (await manager.query(
      'SELECT "user_id" AS "userId" FROM "membership" WHERE "team_id" = $1',
      [team('Wijkteam Noord')],
    )) as { userId: string }[];
    for (const { userId } of members) {
      await manager.save(
        manager.create(NotificationEntity, {
          userId,
          kind: 'agenda-published',
          params: {
            meetingId: meeting.id,
            teamName: 'Wijkteam Noord',
            startsAt: startsAt.toISOString(),
          },
          dedupKey: `agenda-published:${meeting.id}`,
          createdAt: publishedAt,
          readAt: null,
          emailedAt: null,
        }),
      );
    }
  }

  /**
   * Two AVG art. 17 requests for the administrator to decide on (/beheer/verwijderverzoeken):
   * one just received for a household of Noord, one for a person of Zuid. Filed by a member of
   * the household's team, as the household page does.
   */
  private async seedErasureRequests(
    manager: EntityManager,
    organisationId: string,
    households: { deBoer: string; visser: string; visserPerson: string; nextMeeting: string },
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
