import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type MeldcodeRecord,
  type MeldcodeStepInput,
  ZRM_DOMAIN_KEYS_2017,
  applyStep,
  casePreparationContentSchema,
  newMeldcodeRecord,
} from '@casustafel/domain';
import type { SecretBox } from '../../common/crypto/secret-box';
import {
  CaseEntity,
  CaseStatusChangeEntity,
  MeldcodeRecordEntity,
  PreparationCommentEntity,
  PreparationEntity,
  ZrmAssessmentEntity,
} from '../case-file/case.entity';
import {
  ConsentEntity,
  HouseholdEntity,
  NetworkPersonEntity,
  PersonEntity,
} from '../case-file/household.entity';
import { seedConferenceDemo } from './demo-conference.seed';
import {
  DE_BOER,
  DE_BOER_CASE,
  type DemoCase,
  type DemoHousehold,
  IDRISSI,
  IDRISSI_CASE,
  IDRISSI_MELDCODE,
  IDRISSI_PREPARATION,
  JANSEN,
  JANSEN_CASE,
  JANSEN_COMMENT,
  JANSEN_PREPARATION,
  JANSEN_ZRM,
  VISSER,
  VISSER_CASE,
  YILMAZ,
  YILMAZ_CASE,
  YILMAZ_PREPARATION,
  YILMAZ_ZRM,
} from './demo-data';
import { seedDemoPastMeeting } from './demo-meetings.seed';
import { seedNetworkMaps } from './demo-network.seed';
import { seedDemoPlan } from './demo-plan.seed';

export interface DemoCaseFileInput {
  team: (name: string) => string;
  user: (name: string) => string;
  secrets: SecretBox;
  now: Date;
}

export interface DemoCaseFile {
  deBoer: string;
  visser: string;
  visserPerson: string;
  /** The Jansen case's ready preparation (on the agenda of the next meeting). */
  readyPreparation: string;
}

/**
 * Writes the demo's households (demo-data.ts) with members, network, consent (one valid, one
 * expired), cases in several statuses with their history, a ZRM 2017 history, one open
 * Meldcode record (steps 1 and 2), a ready and a draft preparation, and a past meeting of the
 * Yılmaz case (demo-meetings.seed.ts).
 */
export async function seedDemoCaseFile(
  manager: EntityManager,
  { team, user, secrets, now }: DemoCaseFileInput,
): Promise<DemoCaseFile> {
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const date = (n: number) => daysAgo(n).toISOString().slice(0, 10);
  const noord = team('Wijkteam Noord');
  const zuid = team('Wijkteam Zuid');

  const household = async (teamId: string, demo: DemoHousehold) => {
    const at = daysAgo(demo.createdDaysAgo);
    const h = await manager.save(
      manager.create(HouseholdEntity, {
        teamId,
        label: demo.label,
        address: demo.address,
        createdAt: at,
        updatedAt: at,
      }),
    );
    const people: PersonEntity[] = [];
    for (const m of demo.members) {
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
            bsnSealed: m.bsn ? secrets.seal(m.bsn, `bsn:${id}`) : null,
            createdAt: at,
            updatedAt: at,
          }),
        ),
      );
    }
    return { h, people, first: people[0] as PersonEntity };
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
    demo: DemoCase,
    regisseur: string,
  ) => {
    const { history } = demo;
    const last = history.at(-1) as DemoCase['history'][number];
    const c = await manager.save(
      manager.create(CaseEntity, {
        teamId,
        householdId,
        title: demo.title,
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
  const preparation = (
    caseId: string,
    author: string,
    content: Parameters<typeof casePreparationContentSchema.parse>[0],
    times: { meetingDate: string | null; created: number; updated: number; ready: number | null },
  ) =>
    manager.save(
      manager.create(PreparationEntity, {
        caseId,
        status: times.ready === null ? 'draft' : 'ready',
        meetingDate: times.meetingDate,
        content: casePreparationContentSchema.parse(content) as Record<string, unknown>,
        authorId: author,
        createdAt: daysAgo(times.created),
        updatedAt: daysAgo(times.updated),
        readyAt: times.ready === null ? null : daysAgo(times.ready),
      }),
    );
  const zrm = (caseId: string, assessor: string, ago: number, domains: Record<string, unknown>) =>
    manager.save(
      manager.create(ZrmAssessmentEntity, {
        caseId,
        version: '2017',
        assessedAt: date(ago),
        assessorId: assessor,
        domains,
        zwaartefactoren: {},
        createdAt: daysAgo(ago),
      }),
    );

  // Noord 1: Jansen — uitvoering, ZRM history, consent valid, a ready preparation.
  const jansen = await household(noord, JANSEN);
  const marieke = jansen.first;
  const riet = await network(jansen.h.id, 'Riet Jansen', 'familie', 'oma van moederskant');
  const els = await network(jansen.h.id, 'Els Smit', 'buur', 'buurvrouw, past soms op');
  await seedNetworkMaps(manager, jansen.h.id, jansen.people, riet, els, now);
  await seedConferenceDemo(manager, {
    householdId: jansen.h.id,
    teamId: noord,
    marieke,
    riet,
    els,
    professionalId: user('fatima'),
    coordinatorId: user('lotte'),
    now,
  });
  await consent(jansen.h.id, marieke.id, user('fatima'), 150, -215);
  const jansenCase = await newCase(noord, jansen.h.id, JANSEN_CASE, user('fatima'));
  let latestZrm = '';
  let latestScores: Record<string, number> = {};
  for (const [ago, base] of JANSEN_ZRM) {
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
    const z = await zrm(jansenCase.id, user('fatima'), ago, domains);
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
  const ready = await preparation(
    jansenCase.id,
    user('fatima'),
    { ...JANSEN_PREPARATION, zrmAssessmentId: latestZrm },
    { meetingDate: date(-3), created: 5, updated: 2, ready: 2 },
  );
  await manager.save(
    manager.create(PreparationCommentEntity, {
      preparationId: ready.id,
      authorId: user('priya'),
      text: JANSEN_COMMENT,
      createdAt: daysAgo(1),
    }),
  );

  // Noord 2: El Idrissi — plan, expired consent, an open Meldcode record, a draft preparation.
  const idrissi = await household(noord, IDRISSI);
  await network(idrissi.h.id, 'Karim El Idrissi', 'familie', 'oom');
  await consent(idrissi.h.id, idrissi.first.id, user('jeroen'), 400, 35);
  const idrissiCase = await newCase(noord, idrissi.h.id, IDRISSI_CASE, user('jeroen'));
  let record: MeldcodeRecord = newMeldcodeRecord();
  for (const [step, ago] of IDRISSI_MELDCODE) {
    const input = { ...step, by: user('jeroen') } as MeldcodeStepInput;
    const result = applyStep(record, input, daysAgo(ago));
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
  await preparation(idrissiCase.id, user('jeroen'), IDRISSI_PREPARATION, {
    meetingDate: null,
    created: 4,
    updated: 4,
    ready: null,
  });

  // Noord 3: De Boer — a fresh aanmelding.
  const deBoer = await household(noord, DE_BOER);
  await newCase(noord, deBoer.h.id, DE_BOER_CASE, user('priya'));

  // Noord 4: Yılmaz — a past meeting discussed the case: a decision and two actions; the
  // family has a link to their plan (FamilyDemoService prints a fresh code at every start).
  const yilmaz = await household(noord, YILMAZ);
  await consent(yilmaz.h.id, yilmaz.first.id, user('jeroen'), 55, -310);
  const yilmazCase = await newCase(noord, yilmaz.h.id, YILMAZ_CASE, user('jeroen'));
  await zrm(
    yilmazCase.id,
    user('jeroen'),
    30,
    Object.fromEntries(
      ZRM_DOMAIN_KEYS_2017.map((key) => [
        key,
        { score: YILMAZ_ZRM[key] ?? 3, indicators: [], sources: ['client'], toelichting: '' },
      ]),
    ),
  );
  const yilmazPrep = await preparation(yilmazCase.id, user('jeroen'), YILMAZ_PREPARATION, {
    meetingDate: date(14),
    created: 20,
    updated: 15,
    ready: 15,
  });
  await seedDemoPastMeeting(manager, { noord, user, preparationId: yilmazPrep.id, now });

  // Zuid: Visser.
  const visser = await household(zuid, VISSER);
  await newCase(zuid, visser.h.id, VISSER_CASE, user('mehmet'));

  return {
    deBoer: deBoer.h.id,
    visser: visser.h.id,
    visserPerson: visser.first.id,
    readyPreparation: ready.id,
  };
}
