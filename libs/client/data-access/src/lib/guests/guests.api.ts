import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as z from 'zod';
import type {
  GuestInvitationCreated,
  GuestInvitationView,
  GuestSessionView,
  GuestSignIn,
  InviteGuest,
  SessionState,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

const id = encodeURIComponent;

/* The guests contract has interfaces only: check the shape loosely, trust the api for the rest. */
const invitation = z.looseObject({
  id: z.uuid(),
  meetingId: z.uuid(),
  name: z.string(),
  status: z.string(),
  items: z.array(z.looseObject({ itemId: z.uuid(), basis: z.string() })),
}) as unknown as z.ZodType<GuestInvitationView>;
const created = z.looseObject({
  invitation,
  link: z.string(),
  code: z.string().nullable(),
}) as unknown as z.ZodType<GuestInvitationCreated>;
const sessionView = z.looseObject({
  invitationId: z.uuid(),
  meeting: z.looseObject({ id: z.uuid(), teamName: z.string(), startsAt: z.string() }),
  items: z.array(z.looseObject({ id: z.uuid(), title: z.string() })),
}) as unknown as z.ZodType<GuestSessionView>;
const sessionState = z.looseObject({
  stage: z.string(),
}) as unknown as z.ZodType<SessionState>;

/** Remote specialists: the chair's invitations and the guest's own sign-in (REST). */
@Injectable({ providedIn: 'root' })
export class GuestsApi {
  readonly #http = inject(HttpClient);

  /** The meeting's invitations (any team member). */
  list(meetingId: string): Observable<ApiResult<GuestInvitationView[]>> {
    return apiResult(
      this.#http.get<unknown>(`/api/meetings/${id(meetingId)}/guests`),
      z.array(invitation),
    );
  }

  /** Invites a guest; 409 CONFLICT `consent-missing` asks for a justification. */
  invite(meetingId: string, body: InviteGuest): Observable<ApiResult<GuestInvitationCreated>> {
    return apiResult(
      this.#http.post<unknown>(`/api/meetings/${id(meetingId)}/guests`, body),
      created,
    );
  }

  revoke(meetingId: string, invitationId: string): Observable<ApiResult<GuestInvitationView>> {
    return apiResult(
      this.#http.delete<unknown>(`/api/meetings/${id(meetingId)}/guests/${id(invitationId)}`),
      invitation,
    );
  }

  /** A new link and code; the old ones stop working. */
  newCode(meetingId: string, invitationId: string): Observable<ApiResult<GuestInvitationCreated>> {
    return apiResult(
      this.#http.post<unknown>(
        `/api/meetings/${id(meetingId)}/guests/${id(invitationId)}/code`,
        {},
      ),
      created,
    );
  }

  /** The guest signs in with the link's token and the one-time code (sets the session cookie). */
  signIn(body: GuestSignIn): Observable<ApiResult<SessionState>> {
    return apiResult(this.#http.post<unknown>('/api/guest/sign-in', body), sessionState);
  }

  /** What the signed-in guest may read: the meeting's times and the invited items. */
  session(): Observable<ApiResult<GuestSessionView>> {
    return apiResult(this.#http.get<unknown>('/api/guest/session'), sessionView);
  }
}
