import type { EntityManager } from 'typeorm';
import type { IntervisionSection } from '@casustafel/contracts';
import type { SecretBox } from '../../common/crypto/secret-box';
import { CaseEntity } from '../case-file/case.entity';
import { HouseholdEntity, NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import {
  IntervisionCaseEntity,
  IntervisionCaseSourceEntity,
} from '../intervision/intervision.entities';
import { anonymiseSections, applyEdits } from '../intervision/intervision-work';

const DAY = 86_400_000;

interface DemoCopy {
  caseTitle: string;
  title: string;
  parts: { key: string; text: string }[];
  reason: string;
  createdBy: string;
  createdDaysAgo: number;
  /** Who released it, or null: awaiting review. */
  releasedBy: string | null;
}

/**
 * Two intervision copies in Wijkteam Noord (issue 14 §3), made by the anonymiser from fictional
 * write-ups of the Jansen and Yılmaz cases: one released (its flagged words removed, as a
 * reviewer would), one awaiting review by a trainer or team leader.
 */
export async function seedIntervisionDemo(
  manager: EntityManager,
  teamId: string,
  user: (name: string) => string,
  secrets: SecretBox,
  now: Date,
): Promise<void> {
  const copies: DemoCopy[] = [
    {
      caseTitle: 'Schulden en opvoedvragen',
      // The copy's own title: never the case's (the team knows that one from the case list).
      title: 'Een moeder met schulden en een zoon die thuisblijft',
      parts: [
        {
          key: 'vraag',
          text: 'Hoe houden we Marieke Jansen overeind nu de schulden oplopen en Tim steeds vaker thuisblijft?',
        },
        {
          key: 'zorgen',
          text: 'Marieke (BSN 111222333) woont met Tim en Noor aan de Lindelaan 12, 9999ZZ Voorbeeldstad. Tim verzuimt sinds september; de huisarts verwees naar de GGZ.',
        },
        {
          key: 'krachten',
          text: 'Oma Riet Jansen haalt de kinderen twee middagen per week op; buurvrouw Els Smit past soms op.',
        },
      ],
      reason: 'Leerzame casus over schulden en schoolverzuim voor de intervisie (demo).',
      createdBy: user('fatima'),
      createdDaysAgo: 9,
      releasedBy: user('sanne'),
    },
    {
      caseTitle: 'Werk, geld en school',
      title: 'De eerste stap naar werk',
      parts: [
        {
          key: 'vraag',
          text: 'Wat is de eerste stap naar werk voor Şükrü Yılmaz, zonder dat de schulden groeien?',
        },
        {
          key: 'zorgen',
          text: 'Elif gaat niet graag naar school. Haar mentor Okonkwo belde op 06-12345678 over het verzuim; Ayşe maakt zich zorgen. Xhevat, een neef, kwam ook langs. Vader werkte vroeger bij Brabantia; op zaterdag voetbalt Elif bij Zwaluwen.',
        },
      ],
      reason: 'Voor de intervisie over de eerste stap naar werk (demo).',
      createdBy: user('jeroen'),
      createdDaysAgo: 2,
      releasedBy: null,
    },
  ];
  for (const demo of copies) {
    const source = await manager.findOneByOrFail(CaseEntity, { teamId, title: demo.caseTitle });
    const household = await manager.findOneByOrFail(HouseholdEntity, { id: source.householdId });
    const persons = await manager.findBy(PersonEntity, { householdId: household.id });
    const network = await manager.findBy(NetworkPersonEntity, { householdId: household.id });
    const address = household.address;
    const made = anonymiseSections({
      title: demo.title,
      parts: demo.parts,
      known: {
        names: [
          ...persons.map((p) => `${p.givenName} ${p.familyName}`),
          ...network.map((n) => n.name),
        ],
        addresses: address
          ? [address.street, `${address.street}, ${address.postcode} ${address.city}`]
          : [],
        places: address?.city ? [address.city] : [],
        birthDates: persons.map((p) => p.dateOfBirth).filter((d): d is string => d !== null),
        bsns: persons
          .filter((p) => p.bsnSealed !== null)
          .map((p) => secrets.open(p.bsnSealed as string, `bsn:${p.id}`)),
        caseNumbers: [source.id, household.id],
        institutions: [],
      },
    });
    const released = demo.releasedBy !== null;
    const sections: IntervisionSection[] = released
      ? made.sections.map((section) =>
          applyEdits(
            section,
            section.spans
              .filter((span) => span.decision === 'open')
              .map((span) => ({
                start: span.start,
                end: span.end,
                replacement: '[naam]',
                span: { label: 'name' as const, decision: 'redact' as const },
              })),
          ),
        )
      : made.sections;
    const createdAt = new Date(now.getTime() - demo.createdDaysAgo * DAY);
    const copy = await manager.save(
      manager.create(IntervisionCaseEntity, {
        teamId,
        title: made.title,
        status: released ? 'released' : 'in-review',
        sections,
        createdBy: demo.createdBy,
        createdAt,
        releasedBy: demo.releasedBy,
        releasedAt: released ? new Date(createdAt.getTime() + DAY) : null,
      }),
    );
    await manager.save(
      manager.create(IntervisionCaseSourceEntity, {
        intervisionCaseId: copy.id,
        caseId: source.id,
        createdBy: demo.createdBy,
        reason: demo.reason,
        createdAt,
      }),
    );
  }
}
