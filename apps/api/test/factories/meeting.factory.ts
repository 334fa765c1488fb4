import { expect } from '@jest/globals';
import type {
  CaseDetail,
  HouseholdDetail,
  LiveAck,
  MeetingDetail,
  MeetingJoinResult,
  MeetingSeriesCreated,
  Preparation,
} from '@casustafel/contracts';
import type { BrowserClient } from '../support/browser-client';
import type { LiveClient, TestApp } from '../support/test-app';
import { coverForMeetings, householdInput } from './case-file.factory';
import { dataSourceOf } from './identity.factory';

/**
 * A household of team `teamId` with a case (casusregisseur: the member) and a preparation the
 * member marked ready, so it may go on an agenda. The household's consent ledger covers the
 * team's meetings unless `covered` is false.
 */
export async function readyCase(
  chair: BrowserClient,
  member: BrowserClient,
  teamId: string,
  options: {
    casusregisseurId: string;
    question: string;
    label?: string;
    title?: string;
    covered?: boolean;
    coveredFrom?: string;
  },
): Promise<{ householdId: string; caseId: string; preparationId: string }> {
  const household = await chair.post<HouseholdDetail>(
    `/api/teams/${teamId}/households`,
    householdInput(options.label),
  );
  const householdId = household.body.id;
  if (options.covered !== false)
    await coverForMeetings(chair, householdId, teamId, options.coveredFrom);
  const created = await chair.post<CaseDetail>(`/api/teams/${teamId}/cases`, {
    householdId,
    title: options.title ?? 'Zorgen om het gezin',
    casusregisseurId: options.casusregisseurId,
  });
  const prep = await member.post<Preparation>(`/api/cases/${created.body.id}/preparations`, {
    content: { vraag: options.question },
  });
  expect((await member.post(`/api/preparations/${prep.body.id}/ready`)).status).toBe(200);
  return { householdId, caseId: created.body.id, preparationId: prep.body.id };
}

/**
 * A weekly series of the team on Tuesday 09:30 Amsterdam time from 3 March 2026, 90 minutes
 * (eight meetings); `extra` adds to the request (a timekeeper, exdates in `schedule`).
 */
export async function weeklySeries(
  chair: BrowserClient,
  teamId: string,
  chairId: string,
  extra: { timekeeperId?: string; exdates?: string[] } = {},
): Promise<MeetingSeriesCreated> {
  const { exdates, ...rest } = extra;
  const res = await chair.post<MeetingSeriesCreated>(`/api/teams/${teamId}/meeting-series`, {
    schedule: {
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      timeZone: 'Europe/Amsterdam',
      start: '2026-03-03T09:30',
      durationMinutes: 90,
      ...(exdates ? { exdates } : {}),
    },
    chairId,
    ...rest,
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** One meeting of the team (not of a series). */
export async function createMeeting(
  chair: BrowserClient,
  teamId: string,
  meeting: { startsAt: string; durationMinutes: number; chairId: string },
): Promise<MeetingDetail> {
  const res = await chair.post<MeetingDetail>(`/api/teams/${teamId}/meetings`, meeting);
  expect(res.status).toBe(201);
  return res.body;
}

/** Adds an item to the meeting's agenda; answers the agenda as it is then. */
export async function addAgendaItem(
  chair: BrowserClient,
  meetingId: string,
  item: Record<string, unknown>,
): Promise<MeetingDetail> {
  return (await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, item)).body;
}

/** Joins the meeting's room over the socket (optionally resuming after `lastSeq`). */
export async function joinMeeting(
  socket: LiveClient,
  meetingId: string,
  options: { lastSeq?: number; mode?: 'in-de-ruimte' | 'op-afstand'; timeoutMs?: number } = {},
): Promise<LiveAck<MeetingJoinResult>> {
  return (await socket.timeout(options.timeoutMs ?? 5000).emitWithAck('meeting:join', {
    meetingId,
    ...(options.lastSeq === undefined ? {} : { lastSeq: options.lastSeq }),
    mode: options.mode ?? 'in-de-ruimte',
  })) as LiveAck<MeetingJoinResult>;
}

/** The audit rows of one action, oldest first: the outcome and who acted. */
export function auditRows(
  t: TestApp,
  action: string,
): Promise<{ outcome: string; actor_user_id: string }[]> {
  return dataSourceOf(t.app).query(
    'SELECT "outcome", "actor_user_id" FROM "audit_event" WHERE "action" = $1 ORDER BY "occurred_at"',
    [action],
  ) as Promise<{ outcome: string; actor_user_id: string }[]>;
}
