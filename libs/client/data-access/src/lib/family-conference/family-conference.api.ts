import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as z from 'zod';
import type {
  CheckBottomLine,
  CircleInvitationCreated,
  CircleMemberInput,
  CircleSuggestion,
  ConferenceSessionView,
  ConferenceSignIn,
  ConferenceSummary,
  ConferenceView,
  CreateConference,
  FamilyGroupPlanView,
  SavePlan,
  UpdateConference,
  RecordFollowUp,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

const id = encodeURIComponent;

/* These contracts are interfaces: check the shape loosely, trust the api for the rest. */
const conference = z.looseObject({
  id: z.uuid(),
  householdId: z.uuid(),
  status: z.string(),
  myRole: z.string(),
  question: z.string(),
  staff: z.array(z.looseObject({ userId: z.uuid(), displayName: z.string() })),
  circle: z.array(z.looseObject({ id: z.uuid(), name: z.string(), role: z.string() })),
  bottomLines: z.array(z.looseObject({ id: z.uuid(), text: z.string() })),
}) as unknown as z.ZodType<ConferenceView>;
const summaries = z.array(
  z.looseObject({ id: z.uuid(), status: z.string(), question: z.string() }),
) as unknown as z.ZodType<ConferenceSummary[]>;
const suggestions = z.array(
  z.looseObject({ name: z.string(), role: z.string(), source: z.string() }),
) as unknown as z.ZodType<CircleSuggestion[]>;
const invitation = z.looseObject({
  member: z.looseObject({ id: z.uuid(), name: z.string() }),
  link: z.string(),
  code: z.string(),
  expiresAt: z.string(),
}) as unknown as z.ZodType<CircleInvitationCreated>;
const plan = z.looseObject({
  rev: z.number().int(),
  entries: z.array(
    z.looseObject({ who: z.string(), what: z.string(), when: z.string(), kind: z.string() }),
  ),
  familyLead: z.string(),
  monitor: z.string(),
  evaluationOn: z.string().nullable(),
  ifDifferent: z.string(),
  issues: z.array(z.looseObject({ path: z.string(), issue: z.string() })),
}) as unknown as z.ZodType<FamilyGroupPlanView>;
const session = z.looseObject({
  conferenceId: z.uuid(),
  name: z.string(),
  role: z.string(),
  csrfToken: z.string(),
}) as unknown as z.ZodType<ConferenceSessionView>;

/** The family plan as CSV (a plain link: the session cookie goes along). */
export function conferencePlanCsvUrl(conferenceId: string): string {
  return `/api/family-conferences/${id(conferenceId)}/plan.csv`;
}

/**
 * The familienetwerkberaad over REST (issue 13 §4–5): the team prepares it, everyone in it
 * reads it and its plan as far as the phase allows; family and network members sign in with
 * link + code (`/beraad`). The live room runs over the socket (`ConferenceRoomStore`).
 * Never errors.
 */
@Injectable({ providedIn: 'root' })
export class FamilyConferenceApi {
  readonly #http = inject(HttpClient);

  list(householdId: string): Observable<ApiResult<ConferenceSummary[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/households/${id(householdId)}/family-conferences`),
      summaries,
    );
  }

  suggestedCircle(householdId: string): Observable<ApiResult<CircleSuggestion[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/households/${id(householdId)}/family-conference-circle`),
      suggestions,
    );
  }

  create(householdId: string, input: CreateConference): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/households/${id(householdId)}/family-conferences`, input),
      conference,
    );
  }

  read(conferenceId: string): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.get<unknown>(`/api/family-conferences/${id(conferenceId)}`),
      conference,
    );
  }

  update(conferenceId: string, input: UpdateConference): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.patch<unknown>(`/api/family-conferences/${id(conferenceId)}`, input),
      conference,
    );
  }

  addCircleMember(
    conferenceId: string,
    input: CircleMemberInput,
  ): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/family-conferences/${id(conferenceId)}/circle`, input),
      conference,
    );
  }

  addBottomLine(conferenceId: string, text: string): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/family-conferences/${id(conferenceId)}/bottom-lines`, {
        text,
      }),
      conference,
    );
  }

  invite(
    conferenceId: string,
    participantId: string,
    days = 30,
  ): Observable<ApiResult<CircleInvitationCreated>> {
    return apiResult(
      this.#http.post<unknown>(
        `/api/family-conferences/${id(conferenceId)}/circle/${id(participantId)}/invitation`,
        { days },
      ),
      invitation,
    );
  }

  /** Withdraws a circle member's invitation (link, code and session stop at once). */
  revoke(conferenceId: string, participantId: string): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.delete<unknown>(
        `/api/family-conferences/${id(conferenceId)}/circle/${id(participantId)}/invitation`,
      ),
      conference,
    );
  }

  /** Takes someone who never signed in out of the circle (before the start). */
  removeCircleMember(
    conferenceId: string,
    participantId: string,
  ): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.delete<unknown>(
        `/api/family-conferences/${id(conferenceId)}/circle/${id(participantId)}`,
      ),
      conference,
    );
  }

  start(conferenceId: string): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/family-conferences/${id(conferenceId)}/start`, {}),
      conference,
    );
  }

  readPlan(conferenceId: string): Observable<ApiResult<FamilyGroupPlanView>> {
    return apiResult(
      this.#http.get<unknown>(`/api/family-conferences/${id(conferenceId)}/plan`),
      plan,
    );
  }

  savePlan(conferenceId: string, input: SavePlan): Observable<ApiResult<FamilyGroupPlanView>> {
    return apiResult(
      this.#http.put<unknown>(`/api/family-conferences/${id(conferenceId)}/plan`, input),
      plan,
    );
  }

  checkBottomLine(
    conferenceId: string,
    lineId: string,
    input: CheckBottomLine,
  ): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.post<unknown>(
        `/api/family-conferences/${id(conferenceId)}/bottom-lines/${id(lineId)}/check`,
        input,
      ),
      conference,
    );
  }

  accept(conferenceId: string): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/family-conferences/${id(conferenceId)}/accept`, {}),
      conference,
    );
  }

  /** The four-week follow-up, done (coordinator or professional; once). */
  recordFollowUp(
    conferenceId: string,
    input: RecordFollowUp,
  ): Observable<ApiResult<ConferenceView>> {
    return apiResult(
      this.#http.post<unknown>(`/api/family-conferences/${id(conferenceId)}/follow-up`, input),
      conference,
    );
  }

  /** A family or network member signs in with link + code (and, for the network, consent). */
  signIn(input: ConferenceSignIn): Observable<ApiResult<ConferenceSessionView>> {
    return apiResult(this.#http.post<unknown>('/api/conference/sign-in', input), session);
  }

  /** The caller's own conference session (family or network), if any. */
  session(): Observable<ApiResult<ConferenceSessionView>> {
    return apiResult(this.#http.get<unknown>('/api/conference/session'), session);
  }
}
