import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as z from 'zod';
import type {
  CreateAgendaItem,
  CreateMeeting,
  CreateMeetingSeries,
  MeetingClosePreview,
  MeetingDetail,
  MeetingSeriesCreated,
  MeetingSummary,
  MyMeetingView,
  OwedPreparationView,
  ReorderAgenda,
  UpdateAgendaItem,
  UpdateMeeting,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult, apiVoid } from '../http/api-call';

const id = encodeURIComponent;

/* The meetings contract has interfaces only: check the shape loosely, trust the api for the rest. */
const summary = z.looseObject({
  id: z.uuid(),
  teamId: z.uuid(),
  startsAt: z.string(),
  status: z.string(),
}) as unknown as z.ZodType<MeetingSummary>;
const detail = z.looseObject({
  id: z.uuid(),
  teamId: z.uuid(),
  startsAt: z.string(),
  agenda: z.array(z.looseObject({ id: z.uuid() })),
}) as unknown as z.ZodType<MeetingDetail>;
const seriesCreated = z.looseObject({
  seriesId: z.uuid(),
  meetings: z.array(summary),
}) as unknown as z.ZodType<MeetingSeriesCreated>;

const closePreview = z.looseObject({
  undiscussedItemIds: z.array(z.uuid()),
  destination: z.enum(['volgend-overleg', 'geen-reeks', 'einde-reeks']),
  nextMeeting: z.looseObject({ id: z.uuid().nullable(), startsAt: z.string() }).nullable(),
}) as unknown as z.ZodType<MeetingClosePreview>;

/** Meetings, series and agendas (REST). Never errors: failures become values. */
@Injectable({ providedIn: 'root' })
export class MeetingsApi {
  readonly #http = inject(HttpClient);

  list(teamId: string): Observable<ApiResult<MeetingSummary[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/teams/${id(teamId)}/meetings`),
      z.array(summary),
    );
  }

  create(teamId: string, body: CreateMeeting): Observable<ApiResult<MeetingDetail>> {
    return apiResult(this.#http.post<unknown>(`/api/teams/${id(teamId)}/meetings`, body), detail);
  }

  createSeries(
    teamId: string,
    body: CreateMeetingSeries,
  ): Observable<ApiResult<MeetingSeriesCreated>> {
    return apiResult(
      this.#http.post<unknown>(`/api/teams/${id(teamId)}/meeting-series`, body),
      seriesCreated,
    );
  }

  detail(meetingId: string): Observable<ApiResult<MeetingDetail>> {
    return apiResult(this.#http.get<unknown>(`/api/meetings/${id(meetingId)}`), detail);
  }

  update(meetingId: string, body: UpdateMeeting): Observable<ApiResult<MeetingDetail>> {
    return apiResult(this.#http.patch<unknown>(`/api/meetings/${id(meetingId)}`, body), detail);
  }

  addItem(meetingId: string, body: CreateAgendaItem): Observable<ApiResult<MeetingDetail>> {
    return apiResult(
      this.#http.post<unknown>(`/api/meetings/${id(meetingId)}/agenda`, body),
      detail,
    );
  }

  updateItem(itemId: string, body: UpdateAgendaItem): Observable<ApiResult<MeetingDetail>> {
    return apiResult(this.#http.patch<unknown>(`/api/agenda-items/${id(itemId)}`, body), detail);
  }

  deleteItem(itemId: string): Observable<ApiResult<void>> {
    return apiVoid(this.#http.delete(`/api/agenda-items/${id(itemId)}`));
  }

  reorder(meetingId: string, body: ReorderAgenda): Observable<ApiResult<MeetingDetail>> {
    return apiResult(
      this.#http.post<unknown>(`/api/meetings/${id(meetingId)}/agenda/reorder`, body),
      detail,
    );
  }

  publish(meetingId: string): Observable<ApiResult<MeetingDetail>> {
    return apiResult(
      this.#http.post<unknown>(`/api/meetings/${id(meetingId)}/publish`, {}),
      detail,
    );
  }

  close(meetingId: string): Observable<ApiResult<MeetingDetail>> {
    return apiResult(this.#http.post<unknown>(`/api/meetings/${id(meetingId)}/close`, {}), detail);
  }

  /** What closing would do with the undiscussed case items (for the chair's confirmation). */
  closePreview(meetingId: string): Observable<ApiResult<MeetingClosePreview>> {
    return apiResult(
      this.#http.get<unknown>(`/api/meetings/${id(meetingId)}/close-preview`),
      closePreview,
    );
  }

  /** Calls off a meeting that has not started (its guests lose access). */
  cancel(meetingId: string): Observable<ApiResult<MeetingDetail>> {
    return apiResult(this.#http.post<unknown>(`/api/meetings/${id(meetingId)}/cancel`, {}), detail);
  }

  /** My teams' meetings in the coming week, with my part in each. */
  myMeetings(): Observable<ApiResult<MyMeetingView[]>> {
    return apiResult(
      this.#http.get<unknown>('/api/me/meetings'),
      z.array(summary) as unknown as z.ZodType<MyMeetingView[]>,
    );
  }

  /** The preparations I still owe (drafts of cases I run or wrote). */
  myPreparations(): Observable<ApiResult<OwedPreparationView[]>> {
    return apiResult(
      this.#http.get<unknown>('/api/me/preparations'),
      z.array(
        z.looseObject({ preparationId: z.uuid(), caseId: z.uuid(), caseTitle: z.string() }),
      ) as unknown as z.ZodType<OwedPreparationView[]>,
    );
  }
}
