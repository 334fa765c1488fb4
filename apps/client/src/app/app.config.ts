import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import {
  apiInterceptor,
  AuthStore,
  IdleStore,
  LanguageStore,
  provideI18n,
} from '@casustafel/client/data-access';
import { appRoutes } from './app.routes';
import { keepFocusThroughBusyButtons } from './layout/keep-focus';
import { TranslatedTitleStrategy } from './layout/translated-title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    provideHttpClient(withFetch(), withInterceptors([apiInterceptor])),
    provideI18n(),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    provideAppInitializer(() => {
      // The live socket opens once the session is complete (AuthStore), never anonymously.
      inject(IdleStore);
      keepFocusThroughBusyButtons(document);
      return Promise.all([inject(LanguageStore).init(), inject(AuthStore).load()]);
    }),
  ],
};
