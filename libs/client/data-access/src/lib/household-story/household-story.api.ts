import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as z from 'zod';
import type {
  FamilyAccessLog,
  FamilyAgreementInput,
  FamilyAgreementView,
  FamilyInvitationCreated,
  FamilyInvitationView,
  FamilyPlanView,
  FamilySessionView,
  FamilySignIn,
  InviteFamily,
  SessionState,
  TimelinePage,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

const id = encodeURIComponent;

/* These contracts are interfaces: check the shape loosely, trust the api for the rest. */
const timelinePage = z.looseObject({
  entries: z.array(
    z.looseObject({ id: z.string(), kind: z.string(), at: z.string(), caseId: z.uuid() }),
  ),
  nextBefore: z.string().nullable(),
}) as unknown as z.ZodType<TimelinePage>;
const invitation = z.looseObject({
  id: z.uuid(),
  householdId: z.uuid(),
  name: z.string(),
  status: z.string(),
}) as unknown as z.ZodType<FamilyInvitationView>;
const created = z.looseObject({
  invitation,
  link: z.string(),
  code: z.string(),
}) as unknown as z.ZodType<FamilyInvitationCreated>;
const sessionState = z.looseObject({ stage: z.string() }) as unknown as z.ZodType<SessionState>;
const familySession = z.looseObject({
  invitationId: z.uuid(),
  householdLabel: z.string(),
}) as unknown as z.ZodType<FamilySessionView>;
const plan = z.looseObject({
  householdLabel: z.string(),
  members: z.array(z.string()),
  krachten: z.array(z.string()),
  zorgen: z.array(z.string()),
  doelen: z.array(z.looseObject({ label: z.string(), state: z.string() })),
  afspraken: z.array(z.looseObject({ who: z.string(), what: z.string() })),
}) as unknown as z.ZodType<FamilyPlanView>;
const agreement = z.looseObject({
  agrees: z.boolean(),
  comment: z.string(),
}) as unknown as z.ZodType<FamilyAgreementView>;
const accessLog = z.looseObject({
  generatedAt: z.string(),
  entries: z.array(z.looseObject({ at: z.string(), action: z.string() })),
}) as unknown as z.ZodType<FamilyAccessLog>;

/** The household's story (timeline), the family's links, and the family's own pages (REST). */
@Injectable({ providedIn: 'root' })
export class HouseholdStoryApi {
  readonly #http = inject(HttpClient);

  caseTimeline(caseId: string, before: string | null): Observable<ApiResult<TimelinePage>> {
    const query = before ? `?before=${id(before)}` : '';
    return apiResult(
      this.#http.get<unknown>(`/api/cases/${id(caseId)}/timeline${query}`),
      timelinePage,
    );
  }

  householdTimeline(
    householdId: string,
    before: string | null,
  ): Observable<ApiResult<TimelinePage>> {
    const query = before ? `?before=${id(before)}` : '';
    return apiResult(
      this.#http.get<unknown>(`/api/households/${id(householdId)}/timeline${query}`),
      timelinePage,
    );
  }

  invitations(householdId: string): Observable<ApiResult<FamilyInvitationView[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/households/${id(householdId)}/family-invitations`),
      z.array(invitation),
    );
  }

  invite(householdId: string, body: InviteFamily): Observable<ApiResult<FamilyInvitationCreated>> {
    return apiResult(
      this.#http.post<unknown>(`/api/households/${id(householdId)}/family-invitations`, body),
      created,
    );
  }

  revoke(householdId: string, invitationId: string): Observable<ApiResult<FamilyInvitationView>> {
    return apiResult(
      this.#http.delete<unknown>(
        `/api/households/${id(householdId)}/family-invitations/${id(invitationId)}`,
      ),
      invitation,
    );
  }

  signIn(body: FamilySignIn): Observable<ApiResult<SessionState>> {
    return apiResult(this.#http.post<unknown>('/api/family/sign-in', body), sessionState);
  }

  session(): Observable<ApiResult<FamilySessionView>> {
    return apiResult(this.#http.get<unknown>('/api/family/session'), familySession);
  }

  plan(lang: 'nl' | 'en'): Observable<ApiResult<FamilyPlanView>> {
    return apiResult(this.#http.get<unknown>(`/api/family/plan?lang=${lang}`), plan);
  }

  agree(body: FamilyAgreementInput): Observable<ApiResult<FamilyAgreementView>> {
    return apiResult(this.#http.post<unknown>('/api/family/agreement', body), agreement);
  }

  accessLog(lang: 'nl' | 'en'): Observable<ApiResult<FamilyAccessLog>> {
    return apiResult(this.#http.get<unknown>(`/api/family/access-log?lang=${lang}`), accessLog);
  }
}
