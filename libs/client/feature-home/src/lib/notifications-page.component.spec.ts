import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { NotificationsPageComponent } from './notifications-page.component';

const ID = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const nl = {
  notifications: {
    markRead: 'Markeer als gelezen',
    kinds: { 'action-due': 'Actie verloopt vandaag ({{team}})' },
    kindNames: { 'action-due': 'Actie verloopt vandaag' },
  },
};

describe('NotificationsPageComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists notifications, marks one read, and saves the e-mail choices', async () => {
    const fixture = TestBed.createComponent(NotificationsPageComponent);
    // The store resolves after the flushed answer: let its promise run, then render.
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    };
    await fixture.whenStable();
    const unread = {
      id: ID,
      kind: 'action-due',
      params: { teamName: 'Wijkteam Oost', due: '2026-03-04' },
      createdAt: '2026-03-04T05:00:00.000Z',
      readAt: null,
    };
    http.expectOne('/api/notifications').flush({ notifications: [unread], unread: 1 });
    http
      .expectOne('/api/notifications/settings')
      .flush({ emailKinds: ['action-due'], language: 'nl', emailAvailable: true });
    http.expectOne('/api/calendar/feed').flush({ active: false, createdAt: null, url: null });
    await settle();
    const root = fixture.nativeElement as HTMLElement;
    const item = root.querySelector('[data-testid="notification"]');
    expect(item?.textContent).toContain('Actie verloopt vandaag (Wijkteam Oost)');
    expect(item?.getAttribute('data-read')).toBe('false');
    const due = root.querySelector<HTMLInputElement>('[data-testid="email-kind-action-due"]');
    expect(due?.checked).toBe(true);

    root.querySelector<HTMLButtonElement>('[data-testid="notification-mark-read"]')?.click();
    http
      .expectOne({ method: 'POST', url: '/api/notifications/read' })
      .flush({ notifications: [{ ...unread, readAt: '2026-03-04T06:00:00.000Z' }], unread: 0 });
    await settle();
    expect(root.querySelector('[data-testid="notification"]')?.getAttribute('data-read')).toBe(
      'true',
    );

    due?.click();
    root.querySelector<HTMLButtonElement>('[data-testid="notification-settings-save"]')?.click();
    const save = http.expectOne({ method: 'PUT', url: '/api/notifications/settings' });
    expect(save.request.body).toEqual({ emailKinds: [], language: 'nl' });
    save.flush({ emailKinds: [], language: 'nl', emailAvailable: true });
    await settle();
    expect(root.querySelector('[data-testid="notification-settings-saved"]')).not.toBeNull();
  });
});
