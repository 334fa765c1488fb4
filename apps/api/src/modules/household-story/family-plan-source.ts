import type { EntityManager } from 'typeorm';
import type { FamilyPlanView } from '@casustafel/contracts';
import { zrmDomains } from '@casustafel/domain';
import type { ZrmAssessmentEntity } from '../case-file/case.entity';
import type { DocumentLanguage } from '../documents/pdf';
import {
  SupportPlanEntity,
  SupportPlanGoalEntity,
  SupportPlanItemEntity,
  SupportPlanVersionEntity,
} from '../support-plan/support-plan.entities';
import { PLAN_ITEM_STATUS_WORDS } from './family-plan';

/** The household's support plan as the family's view needs it (read only), and its B1 lists. */
export interface FamilyPlanSource {
  plan: SupportPlanEntity;
  goals: SupportPlanGoalEntity[];
  items: SupportPlanItemEntity[];
  /** The current version (the one the family judges), if any. */
  version: SupportPlanVersionEntity | null;
}

/**
 * Reads the household's one support plan from the support-plan module's tables, or null when
 * the household has none yet. Nothing here writes: the plan is edited only by its own module.
 */
export async function readFamilyPlanSource(
  m: EntityManager,
  householdId: string,
): Promise<FamilyPlanSource | null> {
  const plan = await m.findOneBy(SupportPlanEntity, { householdId });
  if (!plan) return null;
  const [goals, items, version] = await Promise.all([
    m.find(SupportPlanGoalEntity, {
      where: { planId: plan.id },
      order: { position: 'ASC', createdAt: 'ASC' },
    }),
    m.find(SupportPlanItemEntity, {
      where: { planId: plan.id },
      order: { startDate: 'ASC', createdAt: 'ASC' },
    }),
    m.findOne(SupportPlanVersionEntity, {
      where: { planId: plan.id },
      order: { number: 'DESC' },
    }),
  ]);
  return { plan, goals, items, version };
}

/** Texts typed by professionals, split into short lines for the family's lists. */
export function bullets(text: string | undefined | null): string[] {
  return (text ?? '')
    .split(/\n+/)
    .map((line) => line.replace(/^[-*•]\s*/, '').trim())
    .filter((line) => line.length > 0)
    .slice(0, 20);
}

/** A date as the family reads it ("3 maart 2026"). */
export function familyDay(isoDate: string, lang: DocumentLanguage): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The plan's goals per life area, by the ZRM's client-language label. */
export function planGoals(
  source: FamilyPlanSource,
  zrm: ZrmAssessmentEntity | undefined,
  lang: DocumentLanguage,
): FamilyPlanView['doelen'] {
  const domains = new Map(
    // 2017 last: its client-language labels win where both versions know a domain.
    (['2013', '2017'] as const).flatMap((v) => zrmDomains(v).map((d) => [d.key, d] as const)),
  );
  return source.goals
    .filter((goal) => goal.status === 'open' || goal.status === 'deels-behaald')
    .map((goal) => {
      const domain = domains.get(goal.zrmDomain as never);
      const label = domain
        ? lang === 'nl'
          ? (domain.clientLabel ?? domain.name)
          : domain.englishName
        : goal.zrmDomain;
      const entry = zrm?.domains[goal.zrmDomain] as { score?: unknown } | undefined;
      const score = typeof entry?.score === 'number' ? entry.score : null;
      return { key: goal.zrmDomain, label, state: goal.text, score };
    });
}

/** Who does what, when: the plan's items that are planned or under way, then the rest. */
export function planTasks(
  source: FamilyPlanSource,
  lang: DocumentLanguage,
): FamilyPlanView['afspraken'] {
  const when = (start: string | null, end: string | null): string => {
    const from = start ? familyDay(start, lang) : null;
    const to = end ? familyDay(end, lang) : null;
    if (from && to) return `${from} – ${to}`;
    if (from) return lang === 'nl' ? `vanaf ${from}` : `from ${from}`;
    if (to) return lang === 'nl' ? `tot ${to}` : `until ${to}`;
    return lang === 'nl' ? 'nog niet bekend' : 'not known yet';
  };
  const rank = (status: string) => (status === 'lopend' || status === 'gepland' ? 0 : 1);
  return [...source.items]
    .sort((a, b) => rank(a.status) - rank(b.status))
    .map((item) => ({
      who: item.owner,
      what: item.title,
      when: when(item.startDate, item.endDate),
      status: PLAN_ITEM_STATUS_WORDS[lang][item.status] ?? item.status,
    }));
}
