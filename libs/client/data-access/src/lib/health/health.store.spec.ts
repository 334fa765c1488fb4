import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { HealthResponse, ReadyResponse } from '@casustafel/contracts';
import { HealthStore } from './health.store';

const health: HealthResponse = { status: 'ok', version: '0.1.0', uptimeSeconds: 42 };

function readyBody(status: ReadyResponse['status']): ReadyResponse {
  return {
    status,
    checks: {
      database: {
        status: status === 'ready' ? 'up' : 'down',
        latencyMs: status === 'ready' ? 3 : null,
        engine: 'pglite',
      },
    },
    instance:
      status === 'ready'
        ? {
            id: '5b0f9a4e-3d43-4c4f-9a55-0d1f7e2b8c11',
            createdAt: '2026-11-22T16:08:00.000Z',
            schemaVersion: '1',
          }
        : null,
  };
}

describe('HealthStore', () => {
  let store: HealthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(HealthStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('is idle before the first refresh and loading while the requests are open', () => {
    expect(store.status()).toBe('idle');
    store.refresh();
    expect(store.status()).toBe('loading');
    expect(store.loading()).toBe(true);
    http.expectOne('/api/health').flush(health);
    http.expectOne('/api/ready').flush(readyBody('ready'));
    expect(store.loading()).toBe(false);
  });

  it('reports ready with the readiness details and the health answer', () => {
    store.refresh();
    http.expectOne('/api/health').flush(health);
    http.expectOne('/api/ready').flush(readyBody('ready'));

    expect(store.status()).toBe('ready');
    expect(store.readiness()?.checks?.database).toEqual({
      status: 'up',
      latencyMs: 3,
      engine: 'pglite',
    });
    expect(store.health()?.version).toBe('0.1.0');
    expect(store.failure()).toBeNull();
    expect(store.failureKey()).toBeNull();
    expect(store.checkedAt()).toBeInstanceOf(Date);
  });

  it('treats a 503 carrying the readiness body as not_ready, not as a failure', () => {
    store.refresh();
    http.expectOne('/api/health').flush(health);
    http
      .expectOne('/api/ready')
      .flush(readyBody('not_ready'), { status: 503, statusText: 'Service Unavailable' });

    expect(store.status()).toBe('not_ready');
    expect(store.readiness()?.checks?.database.status).toBe('down');
    expect(store.failure()).toBeNull();
  });

  it('reports unreachable when the network fails', () => {
    store.refresh();
    http.expectOne('/api/health').error(new ProgressEvent('error'));
    http.expectOne('/api/ready').error(new ProgressEvent('error'));

    expect(store.status()).toBe('unreachable');
    expect(store.readiness()).toBeNull();
    expect(store.failure()).toEqual({ kind: 'unreachable' });
    expect(store.failureKey()).toBe('failures.unreachable');
  });

  it('reports unreachable when a proxy answers 502 without the api error shape', () => {
    store.refresh();
    http.expectOne('/api/health').flush('Bad Gateway', { status: 502, statusText: 'Bad Gateway' });
    http.expectOne('/api/ready').flush('Bad Gateway', { status: 502, statusText: 'Bad Gateway' });

    expect(store.status()).toBe('unreachable');
  });

  it('maps an api error response to its errors.<CODE> translation key', () => {
    store.refresh();
    http.expectOne('/api/health').flush(health);
    http
      .expectOne('/api/ready')
      .flush(
        { code: 'RATE_LIMITED', message: 'slow down', requestId: 'r-1' },
        { status: 429, statusText: 'Too Many Requests' },
      );

    expect(store.status()).toBe('error');
    expect(store.failure()).toEqual({
      kind: 'error',
      code: 'RATE_LIMITED',
      status: 429,
      requestId: 'r-1',
    });
    expect(store.failureKey()).toBe('errors.RATE_LIMITED');
  });

  it('rejects a 200 whose body does not match the contract', () => {
    store.refresh();
    http.expectOne('/api/health').flush(health);
    http.expectOne('/api/ready').flush('<!doctype html><html></html>');

    expect(store.status()).toBe('error');
    expect(store.failureKey()).toBe('failures.invalidResponse');
  });

  it('keeps the last answer on screen while a new refresh is in flight', () => {
    store.refresh();
    http.expectOne('/api/health').flush(health);
    http.expectOne('/api/ready').flush(readyBody('ready'));

    store.refresh();
    expect(store.loading()).toBe(true);
    expect(store.status()).toBe('ready');
    http.expectOne('/api/health').flush(health);
    http
      .expectOne('/api/ready')
      .flush(readyBody('not_ready'), { status: 503, statusText: 'Service Unavailable' });
    expect(store.status()).toBe('not_ready');
  });
});
