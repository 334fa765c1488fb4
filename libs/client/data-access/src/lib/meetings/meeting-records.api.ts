import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as z from 'zod';
import type {
  FollowUpView,
  MeetingRecordsView,
  MinutesView,
  MyActionView,
  UpdateMinutes,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

const id = encodeURIComponent;

/* The records contract has interfaces only: check the shape loosely, trust the api for the rest. */
const records = z.looseObject({
  meetingId: z.uuid(),
  decisions: z.array(z.looseObject({ id: z.uuid(), agendaItemId: z.uuid() })),
  actions: z.array(z.looseObject({ id: z.uuid(), agendaItemId: z.uuid(), status: z.string() })),
}) as unknown as z.ZodType<MeetingRecordsView>;
const minutes = z.looseObject({
  meetingId: z.uuid(),
  status: z.enum(['draft', 'approved']),
  items: z.array(z.looseObject({ itemId: z.uuid() })),
  attendance: z.looseObject({ present: z.array(z.unknown()), absent: z.array(z.unknown()) }),
}) as unknown as z.ZodType<MinutesView>;

const followUp = z.looseObject({
  itemId: z.uuid(),
  meetingId: z.uuid(),
  entries: z.array(z.looseObject({ actionId: z.uuid(), due: z.string(), overdue: z.boolean() })),
}) as unknown as z.ZodType<FollowUpView>;
const myActions = z.array(
  z.looseObject({
    id: z.uuid(),
    meetingId: z.uuid(),
    due: z.string(),
    overdue: z.boolean(),
    meetingStartsAt: z.string(),
  }),
) as unknown as z.ZodType<MyActionView[]>;

/** The address of a meeting's minutes as PDF (a download: `content-disposition: attachment`). */
export function minutesPdfUrl(meetingId: string): string {
  return `/api/meetings/${id(meetingId)}/minutes.pdf`;
}

/** Decisions, actions and minutes of a meeting (REST). Never errors: failures become values. */
@Injectable({ providedIn: 'root' })
export class MeetingRecordsApi {
  readonly #http = inject(HttpClient);

  records(meetingId: string): Observable<ApiResult<MeetingRecordsView>> {
    return apiResult(this.#http.get<unknown>(`/api/meetings/${id(meetingId)}/records`), records);
  }

  minutes(meetingId: string): Observable<ApiResult<MinutesView>> {
    return apiResult(this.#http.get<unknown>(`/api/meetings/${id(meetingId)}/minutes`), minutes);
  }

  generateMinutes(meetingId: string): Observable<ApiResult<MinutesView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/meetings/${id(meetingId)}/minutes`, {}),
      minutes,
    );
  }

  /** Changes draft minutes (the notes of items); refused (409) once approved. */
  updateMinutes(meetingId: string, body: UpdateMinutes): Observable<ApiResult<MinutesView>> {
    return apiResult(
      this.#http.patch<unknown>(`/api/meetings/${id(meetingId)}/minutes`, body),
      minutes,
    );
  }

  approveMinutes(meetingId: string): Observable<ApiResult<MinutesView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/meetings/${id(meetingId)}/minutes/approve`, {}),
      minutes,
    );
  }

  /** The open actions a follow-up (`opvolging-acties`) item goes through. */
  followUp(itemId: string): Observable<ApiResult<FollowUpView>> {
    return apiResult(
      this.#http.get<unknown>(`/api/agenda-items/${id(itemId)}/follow-up`),
      followUp,
    );
  }

  /** My open actions across meetings and cases, earliest due first. */
  myActions(): Observable<ApiResult<MyActionView[]>> {
    return apiResult(this.#http.get<unknown>('/api/me/actions'), myActions);
  }

  /** Changes an action's status (REST; the live room broadcasts it). */
  setActionStatus(
    actionId: string,
    status: MyActionView['status'],
  ): Observable<ApiResult<unknown>> {
    return apiResult(
      this.#http.patch<unknown>(`/api/actions/${id(actionId)}`, {
        commandId: crypto.randomUUID(),
        status,
      }),
      z.unknown(),
    );
  }
}
