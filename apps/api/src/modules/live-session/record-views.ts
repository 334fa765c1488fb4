import type { ActionView, DecisionView } from '@casustafel/contracts';
import type { ActionEntity, DecisionEntity } from '../meeting-records/meeting-records.entities';

/** A decision as the room's event, the api and the minutes show it. */
export function decisionView(d: DecisionEntity): DecisionView {
  return {
    id: d.id,
    meetingId: d.meetingId,
    agendaItemId: d.agendaItemId,
    type: d.type,
    text: d.text,
    rationale: d.rationale,
    decidedByUserId: d.decidedById,
    recordedByUserId: d.recordedById,
    decidedAt: new Date(d.decidedAt).toISOString(),
  };
}

/** An action as the room's event, the api and the minutes show it. */
export function actionView(a: ActionEntity): ActionView {
  return {
    id: a.id,
    meetingId: a.meetingId,
    teamId: a.teamId,
    agendaItemId: a.agendaItemId,
    decisionId: a.decisionId,
    description: a.description,
    ownerUserId: a.ownerId,
    due: a.due,
    status: a.status,
    createdByUserId: a.createdById,
    createdAt: new Date(a.createdAt).toISOString(),
    updatedAt: new Date(a.updatedAt).toISOString(),
  };
}

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) in the Netherlands at `at`. */
export function localDate(at: Date): string {
  return dateFormat.format(at);
}
