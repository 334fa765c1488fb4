import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { HomePageComponent } from './home-page.component';

const nl = {
  readiness: {
    loading: 'Bezig met controleren…',
    ready: 'Gereed',
    unreachable: 'Api niet bereikbaar',
  },
  failures: { unreachable: 'De api is niet bereikbaar.' },
  details: { up: 'Bereikbaar', engines: { postgres: 'PostgreSQL' } },
};

describe('HomePageComponent', () => {
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

  it('checks readiness on arrival and says clearly when the api is unreachable', async () => {
    const fixture = TestBed.createComponent(HomePageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid="readiness-status"]')?.textContent).toContain(
      'Bezig met controleren…',
    );

    http.expectOne('/api/health').error(new ProgressEvent('error'));
    http.expectOne('/api/ready').error(new ProgressEvent('error'));
    await fixture.whenStable();

    expect(root.querySelector('[data-testid="readiness-status"]')?.textContent).toContain(
      'Api niet bereikbaar',
    );
    expect(root.querySelector('[data-testid="readiness-failure"]')?.textContent).toContain(
      'De api is niet bereikbaar.',
    );
  });

  it('shows the database state and engine when ready', async () => {
    const fixture = TestBed.createComponent(HomePageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    http.expectOne('/api/health').flush({ status: 'ok', version: '1.0.0', uptimeSeconds: 5 });
    http.expectOne('/api/ready').flush({
      status: 'ready',
      checks: { database: { status: 'up', latencyMs: 2, engine: 'postgres' } },
      instance: null,
    });
    await fixture.whenStable();

    expect(root.querySelector('[data-testid="readiness-status"]')?.textContent).toContain('Gereed');
    expect(root.querySelector('[data-testid="readiness-database"]')?.textContent?.trim()).toBe(
      'Bereikbaar',
    );
    expect(root.querySelector('[data-testid="readiness-engine"]')?.textContent?.trim()).toBe(
      'PostgreSQL',
    );
    expect(root.querySelector('[data-testid="readiness-failure"]')).toBeNull();
  });

  it('says the details are for administrators when the api keeps them back', async () => {
    const fixture = TestBed.createComponent(HomePageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    http.expectOne('/api/health').flush({ status: 'ok', version: '1.0.0', uptimeSeconds: 5 });
    http.expectOne('/api/ready').flush({ status: 'ready' });
    await fixture.whenStable();

    expect(root.querySelector('[data-testid="readiness-details-restricted"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="readiness-engine"]')).toBeNull();
  });
});
