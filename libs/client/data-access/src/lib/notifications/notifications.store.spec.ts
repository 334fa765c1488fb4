import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { NotificationList } from '@casustafel/contracts';
import { NotificationsStore } from './notifications.store';

const ID = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const list = (readAt: string | null): NotificationList => ({
  notifications: [
    {
      id: ID,
      kind: 'agenda-published',
      params: { meetingId: ID, teamName: 'Wijkteam Oost', startsAt: '2026-03-03T08:30:00.000Z' },
      createdAt: '2026-03-02T09:00:00.000Z',
      readAt,
    },
  ],
  unread: readAt ? 0 : 1,
});

describe('NotificationsStore', () => {
  let store: NotificationsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(NotificationsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads the list and the unread count, and marks one read', async () => {
    const refreshed = store.refresh();
    http.expectOne('/api/notifications').flush(list(null));
    await refreshed;
    expect(store.unread()).toBe(1);
    const marked = store.markRead([ID]);
    const request = http.expectOne({ method: 'POST', url: '/api/notifications/read' });
    expect(request.request.body).toEqual({ ids: [ID] });
    request.flush(list('2026-03-02T10:00:00.000Z'));
    await marked;
    expect(store.unread()).toBe(0);
    expect(store.items()[0]?.readAt).not.toBeNull();
  });

  it('saves the e-mail choices and reports a refusal as a failure text', async () => {
    const saved = store.saveSettings(['action-due'], 'en');
    http
      .expectOne({ method: 'PUT', url: '/api/notifications/settings' })
      .flush({ emailKinds: ['action-due'], language: 'en', emailAvailable: false });
    await saved;
    expect(store.saved()).toBe(true);
    expect(store.settings()).toEqual({
      emailKinds: ['action-due'],
      language: 'en',
      emailAvailable: false,
    });
    const refused = store.saveSettings([], 'nl');
    http
      .expectOne({ method: 'PUT', url: '/api/notifications/settings' })
      .flush(
        { code: 'VALIDATION_FAILED', message: 'Invalid', requestId: 'r' },
        { status: 400, statusText: 'Bad Request' },
      );
    await refused;
    expect(store.failureKey()).not.toBeNull();
  });

  it('shows the feed URL once, after creating it', async () => {
    const created = store.regenerateFeed();
    http.expectOne({ method: 'POST', url: '/api/calendar/feed' }).flush({
      active: true,
      createdAt: '2026-03-02T09:00:00.000Z',
      url: 'https://casustafel.example/api/calendar/feed.ics?token=abc',
    });
    await created;
    expect(store.feed()?.url).toContain('token=');
    const revoked = store.revokeFeed();
    http
      .expectOne({ method: 'DELETE', url: '/api/calendar/feed' })
      .flush({ active: false, createdAt: null, url: null });
    await revoked;
    expect(store.feed()).toEqual({ active: false, createdAt: null, url: null });
  });
});
