import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  type CalendarFeedView,
  calendarFeedViewSchema,
  type MarkNotificationsRead,
  type NotificationList,
  notificationListSchema,
  type NotificationSettings,
  type NotificationSettingsView,
  notificationSettingsViewSchema,
} from '@casustafel/contracts';
import type { ApiResult } from '../errors/api-failure';
import { apiResult } from '../http/api-call';

/** `/api/notifications` and `/api/calendar/feed`. Never errors. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  readonly #http = inject(HttpClient);

  list(): Observable<ApiResult<NotificationList>> {
    return apiResult(this.#http.get<unknown>('/api/notifications'), notificationListSchema);
  }

  markRead(input: MarkNotificationsRead): Observable<ApiResult<NotificationList>> {
    return apiResult(
      this.#http.post<unknown>('/api/notifications/read', input),
      notificationListSchema,
    );
  }

  settings(): Observable<ApiResult<NotificationSettingsView>> {
    return apiResult(
      this.#http.get<unknown>('/api/notifications/settings'),
      notificationSettingsViewSchema,
    );
  }

  saveSettings(input: NotificationSettings): Observable<ApiResult<NotificationSettingsView>> {
    return apiResult(
      this.#http.put<unknown>('/api/notifications/settings', input),
      notificationSettingsViewSchema,
    );
  }

  feed(): Observable<ApiResult<CalendarFeedView>> {
    return apiResult(this.#http.get<unknown>('/api/calendar/feed'), calendarFeedViewSchema);
  }

  regenerateFeed(): Observable<ApiResult<CalendarFeedView>> {
    return apiResult(this.#http.post<unknown>('/api/calendar/feed', {}), calendarFeedViewSchema);
  }

  revokeFeed(): Observable<ApiResult<CalendarFeedView>> {
    return apiResult(this.#http.delete<unknown>('/api/calendar/feed'), calendarFeedViewSchema);
  }
}
