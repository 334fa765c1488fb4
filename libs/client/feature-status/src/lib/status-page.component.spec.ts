import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { StatusPageComponent } from './status-page.component';

describe('StatusPageComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: {
            nl: { readiness: { not_ready: 'Niet gereed' }, details: { down: 'Niet bereikbaar' } },
          },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('shows version, uptime and a not-ready database from a 503 answer', async () => {
    const fixture = TestBed.createComponent(StatusPageComponent);
    await fixture.whenStable();
    http.expectOne('/api/health').flush({ status: 'ok', version: '2.3.4', uptimeSeconds: 90_061 });
    http.expectOne('/api/ready').flush(
      {
        status: 'not_ready',
        checks: { database: { status: 'down', latencyMs: null, engine: 'pglite' } },
        instance: null,
      },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;

    expect(root.querySelector('[data-testid="status-summary"]')?.textContent).toContain(
      'Niet gereed',
    );
    expect(root.querySelector('[data-testid="health-version"]')?.textContent?.trim()).toBe('2.3.4');
    expect(root.querySelector('[data-testid="health-uptime"]')?.textContent?.trim()).toBe(
      '1 d 01:01:01',
    );
    expect(root.querySelector('[data-testid="readiness-details-card"]')?.textContent).toContain(
      'Niet bereikbaar',
    );
    expect(root.querySelector('[data-testid="status-failure"]')).toBeNull();
  });

  it('tells an anonymous visitor that the details are for administrators, not that the api is silent', async () => {
    const fixture = TestBed.createComponent(StatusPageComponent);
    await fixture.whenStable();
    http.expectOne('/api/health').flush({ status: 'ok', version: '2.3.4', uptimeSeconds: 5 });
    http.expectOne('/api/ready').flush({ status: 'ready' });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;

    expect(root.querySelector('[data-testid="readiness-details-restricted"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="readiness-details-card"]')?.textContent).not.toContain(
      'status.noReadiness',
    );
  });
});
