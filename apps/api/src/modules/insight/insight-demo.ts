import type { EntityManager } from 'typeorm';
import { MembershipEntity } from '../identity/membership.entity';
import { TeamEntity } from '../identity/team.entity';
import { NEW_ACCOUNT, UserEntity } from '../identity/user.entity';
import { generateTeamHistory } from './insight-generator';
import { writeTeamHistory } from './insight-history';

const DAY = 86_400_000;

/**
 * History for the demo's management information: "Wijkteam Centrum" with two years of work
 * (enough for trends, informal share, lead times and ZRM change) and the young "Wijkteam West"
 * with a few months (small numbers: its figures show suppression). The demo team leader leads
 * Centrum too; the organisation admin (a beleidsmedewerker) sees both in the comparison. Two
 * fictional professionals without a password carry the cases. Kept apart from Noord and Zuid,
 * whose hand-made case files the other demos use.
 */
export async function seedInsightDemo(
  manager: EntityManager,
  organisationId: string,
  teamLeaderId: string,
  now: Date,
): Promise<void> {
  const team = async (name: string) =>
    manager.save(manager.create(TeamEntity, { organisationId, name, type: 'integraal' as const }));
  const centrum = await team('Wijkteam Centrum');
  const west = await team('Wijkteam West');
  const people: string[] = [];
  for (const [email, displayName] of [
    ['ilse@voorbeeldstad.nl', 'Ilse Mulder'],
    ['bram@voorbeeldstad.nl', 'Bram Kok'],
  ] as const) {
    const user = await manager.save(
      manager.create(UserEntity, {
        ...NEW_ACCOUNT,
        organisationId,
        email,
        displayName,
        discipline: 'generalist' as const,
      }),
    );
    people.push(user.id);
    for (const t of [centrum, west])
      await manager.save(
        manager.create(MembershipEntity, { teamId: t.id, userId: user.id, roles: ['member'] }),
      );
  }
  await manager.save(
    manager.create(MembershipEntity, {
      teamId: centrum.id,
      userId: teamLeaderId,
      roles: ['member', 'team_leader'],
    }),
  );
  const end = new Date(now.getTime() - DAY);
  await writeTeamHistory(
    manager,
    generateTeamHistory({
      teamId: centrum.id,
      userIds: people,
      start: new Date(end.getTime() - 2 * 365 * DAY),
      end,
      cases: 260,
      meetings: 96,
      decisions: 1200,
      planItems: 420,
      // A team that works with family group conferences: enough to show them per quarter.
      conferenceShare: 0.5,
      seed: 2026,
    }),
  );
  await writeTeamHistory(
    manager,
    generateTeamHistory({
      teamId: west.id,
      userIds: people,
      start: new Date(end.getTime() - 150 * DAY),
      end,
      cases: 24,
      meetings: 18,
      decisions: 40,
      planItems: 20,
      seed: 7,
    }),
  );
  // Statistics for the planner at once (the nightly database:analyze job keeps them fresh).
  await manager.query('ANALYZE');
}
