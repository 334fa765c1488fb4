import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  type CalendarFeedView,
  calendarFeedViewCheck,
  type MarkNotificationsRead,
  type NotificationList,
  notificationListCheck,
  type NotificationSettings,
  type NotificationSettingsView,
  notificationSettingsViewCheck,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

/**
 * `/api/notifications` and `/api/calendar/feed`, validated with the contracts' zod-free checks
 * (the bell is part of the shell). Never errors.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  readonly #http = inject(HttpClient);

  list(): Observable<ApiResult<NotificationList>> {
    return apiResult(this.#http.get<unknown>('/api/notifications'), notificationListCheck);
  }

  markRead(input: MarkNotificationsRead): Observable<ApiResult<NotificationList>> {
    return apiResult(
      this.#http.post<unknown>('/api/notifications/read', input),
      notificationListCheck,
    );
  }

  settings(): Observable<ApiResult<NotificationSettingsView>> {
    return apiResult(
      this.#http.get<unknown>('/api/notifications/settings'),
      notificationSettingsViewCheck,
    );
  }

  saveSettings(input: NotificationSettings): Observable<ApiResult<NotificationSettingsView>> {
    return apiResult(
      this.#http.put<unknown>('/api/notifications/settings', input),
      notificationSettingsViewCheck,
    );
  }

  feed(): Observable<ApiResult<CalendarFeedView>> {
    return apiResult(this.#http.get<unknown>('/api/calendar/feed'), calendarFeedViewCheck);
  }

  regenerateFeed(): Observable<ApiResult<CalendarFeedView>> {
    return apiResult(this.#http.post<unknown>('/api/calendar/feed', {}), calendarFeedViewCheck);
  }

  revokeFeed(): Observable<ApiResult<CalendarFeedView>> {
    return apiResult(this.#http.delete<unknown>('/api/calendar/feed'), calendarFeedViewCheck);
  }
}
