import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => {
  // The app could not start: nothing else can report it.
  // eslint-disable-next-line no-console -- last-resort report of a failed bootstrap
  console.error(error);
});
