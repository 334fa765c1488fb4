import type { EntityManager } from 'typeorm';
import type { Action } from '@casustafel/domain';
import { abilityFor, asSubject } from '../../common/access/policy';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { MeetingEntity } from '../meetings/meeting.entities';
import type { ActionEntity } from './meeting-records.entities';

/** Purpose of every read and write of a case meeting's records in the audit trail. */
export const RECORDS_PURPOSE = 'casuistiekoverleg';

/** The caller may read the records of the team's meetings; noted for the audit trail. */
export function checkRecordsTeam(actor: Actor, teamId: string, objectId: string | null): void {
  RequestContext.note({
    objectType: 'meeting',
    objectId,
    purpose: RECORDS_PURPOSE,
    context: { teamId },
  });
  if (!abilityFor(actor).can('read', asSubject('Meeting', { teamId })))
    throw forbidden('this meeting');
}

/** The meeting whose records the caller reads or writes (optionally locked for the write). */
export async function recordsMeetingFor(
  manager: EntityManager,
  actor: Actor,
  meetingId: string,
  lock = false,
): Promise<MeetingEntity> {
  RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: RECORDS_PURPOSE });
  const qb = manager.createQueryBuilder(MeetingEntity, 'm').where('m.id = :id', { id: meetingId });
  if (lock) qb.setLock('pessimistic_write');
  const meeting = await qb.getOne();
  if (!meeting) throw forbidden('this meeting');
  checkRecordsTeam(actor, meeting.teamId, meeting.id);
  return meeting;
}

/** A stored action as the domain's rules read it. */
export function actionOf(r: ActionEntity): Action {
  return {
    id: r.id,
    agendaItemId: r.agendaItemId,
    decisionId: r.decisionId,
    description: r.description,
    ownerUserId: r.ownerId,
    due: r.due,
    status: r.status,
  };
}
