import type { ConferenceParticipantEntity } from './family-conference.entities';

/**
 * A new member of a conference's circle as a row to insert: no account, person, network person
 * or consent unless given (what is given wins), at this position in the circle.
 */
export function participantRow(
  conferenceId: string,
  position: number,
  createdAt: Date,
  given: Partial<ConferenceParticipantEntity>,
): ConferenceParticipantEntity {
  return {
    conferenceId,
    relation: '',
    userId: null,
    personId: null,
    networkPersonId: null,
    consentAt: null,
    position,
    createdAt,
    ...given,
  } as ConferenceParticipantEntity;
}
