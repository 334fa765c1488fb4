import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../http/api.interceptor';
import { ConnectionStore } from '../realtime/connection.store';

/** Specs only: no realtime connection (the auth store connects once signed in). */
export const NO_REALTIME: Provider = {
  provide: ConnectionStore,
  useValue: { connect: () => undefined, disconnect: () => undefined },
};

/**
 * Specs only: the app's http stack with its api interceptor against `HttpTestingController`, a
 * router without routes and no realtime connection.
 */
export function interceptedApiProviders(): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withInterceptors([apiInterceptor])),
    provideHttpClientTesting(),
    provideRouter([]),
    NO_REALTIME,
  ];
}
