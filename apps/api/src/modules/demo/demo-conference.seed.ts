import type { EntityManager } from 'typeorm';
import type { NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';
import {
  BottomLineEntity,
  ConferenceParticipantEntity,
  FamilyConferenceEntity,
} from '../family-conference/family-conference.entities';
import { participantRow } from '../family-conference/participant-row';

const DAY = 86_400_000;

/**
 * One prepared familienetwerkberaad for the Jansen household (issue 13 §4): Fatima as the
 * professional, Lotte from Wijkteam Zuid as the independent coordinator, the circle drawn from
 * the household and its ecogram (Marieke, oma Riet, buurvrouw Els), a place and date the family
 * chose and one bottom line. Nobody is invited yet: a link and code are shown only once, so the
 * demo user makes them.
 */
export async function seedConferenceDemo(
  manager: EntityManager,
  input: {
    householdId: string;
    teamId: string;
    marieke: PersonEntity;
    riet: NetworkPersonEntity;
    els: NetworkPersonEntity;
    professionalId: string;
    coordinatorId: string;
    now: Date;
  },
): Promise<void> {
  const { now } = input;
  const team = await manager.findOneByOrFail(TeamEntity, { id: input.teamId });
  const [professional, coordinator] = await Promise.all([
    manager.findOneByOrFail(UserEntity, { id: input.professionalId }),
    manager.findOneByOrFail(UserEntity, { id: input.coordinatorId }),
  ]);
  const startsAt = new Date(now.getTime() + 16 * DAY);
  startsAt.setUTCHours(17, 30, 0, 0);
  const conference = await manager.save(
    manager.create(FamilyConferenceEntity, {
      organisationId: team.organisationId,
      householdId: input.householdId,
      teamId: input.teamId,
      sessionId: null,
      status: 'voorbereiding',
      question: 'Hoe zorgen we samen dat Tim weer naar school gaat en Marieke lucht krijgt?',
      startsAt,
      place: 'Bij oma Riet thuis, Beukenlaan 3 (gekozen door Marieke)',
      coordinatorId: coordinator.id,
      createdBy: professional.id,
      acceptedAt: null,
      acceptedBy: null,
      followUpOn: null,
      followUpSentAt: null,
      createdAt: new Date(now.getTime() - 3 * DAY),
      updatedAt: new Date(now.getTime() - 3 * DAY),
    }),
  );
  const people: Partial<ConferenceParticipantEntity>[] = [
    { role: 'coordinator', name: coordinator.displayName, userId: coordinator.id },
    { role: 'professional', name: professional.displayName, userId: professional.id },
    {
      role: 'familie',
      name: `${input.marieke.givenName} ${input.marieke.familyName}`,
      relation: 'moeder',
      personId: input.marieke.id,
    },
    { role: 'familie', name: input.riet.name, relation: 'oma', networkPersonId: input.riet.id },
    { role: 'netwerk', name: input.els.name, relation: 'buurvrouw', networkPersonId: input.els.id },
  ];
  for (const [position, p] of people.entries())
    await manager.insert(
      ConferenceParticipantEntity,
      participantRow(conference.id, position, conference.createdAt, p),
    );
  await manager.insert(BottomLineEntity, {
    conferenceId: conference.id,
    position: 0,
    text: 'Tim gaat elke schooldag naar school; bij verzuim belt de school dezelfde dag.',
    met: null,
    note: '',
    checkedBy: null,
    checkedAt: null,
    createdBy: professional.id,
    createdAt: conference.createdAt,
  });
}
