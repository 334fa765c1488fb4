import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ZRM_DOMAIN_KEYS_2017 } from '@casustafel/domain';
import { type Value, insertRows } from './history-rows';
import type { TeamHistory } from './insight-history';

function zrmDomains(scores: Record<string, number>): string {
  const domains: Record<string, unknown> = {};
  for (const key of ZRM_DOMAIN_KEYS_2017) {
    const score = scores[key];
    domains[key] =
      score === undefined
        ? { score: 'niet-gescoord', indicators: [], sources: [] }
        : { score, indicators: [], sources: ['professional'] };
  }
  return JSON.stringify(domains);
}

/** Writes the households, cases, status histories and ZRM assessments; returns their ids in order. */
export async function writeCases(
  db: EntityManager,
  history: TeamHistory,
): Promise<{ caseIds: string[]; householdIds: string[] }> {
  const households: Value[][] = [];
  const householdIds: string[] = [];
  const cases: Value[][] = [];
  const changes: Value[][] = [];
  const assessments: Value[][] = [];
  const caseIds: string[] = [];
  history.cases.forEach((c, i) => {
    const householdId = randomUUID();
    householdIds.push(householdId);
    const caseId = c.id ?? randomUUID();
    caseIds.push(caseId);
    const first = c.transitions[0]?.at ?? new Date();
    const last = c.transitions.at(-1);
    households.push([householdId, history.teamId, `Huishouden ${i + 1}`, null, first, first]);
    cases.push([
      caseId,
      history.teamId,
      householdId,
      c.title ?? `Casus ${i + 1}`,
      c.regisseurId,
      '[]',
      last?.status ?? 'aanmelding',
      first,
      last?.at ?? first,
    ]);
    for (const t of c.transitions) changes.push([randomUUID(), caseId, t.status, t.at, null]);
    for (const z of c.zrm ?? [])
      assessments.push([
        randomUUID(),
        caseId,
        '2017',
        z.assessedAt,
        c.regisseurId,
        zrmDomains(z.scores),
        '{}',
        new Date(`${z.assessedAt}T12:00:00Z`),
      ]);
  });
  await insertRows(
    db,
    'household',
    ['id', 'team_id', 'label', 'address', 'created_at', 'updated_at'],
    households,
  );
  await insertRows(
    db,
    'client_case',
    [
      'id',
      'team_id',
      'household_id',
      'title',
      'casusregisseur_id',
      'involved',
      'status',
      'created_at',
      'updated_at',
    ],
    cases,
  );
  await insertRows(
    db,
    'case_status_change',
    ['id', 'case_id', 'status', 'at', 'by_user_id'],
    changes,
  );
  await insertRows(
    db,
    'zrm_assessment',
    [
      'id',
      'case_id',
      'version',
      'assessed_at',
      'assessor_id',
      'domains',
      'zwaartefactoren',
      'created_at',
    ],
    assessments,
  );
  return { caseIds, householdIds };
}
