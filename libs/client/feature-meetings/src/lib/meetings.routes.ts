import type { Routes } from '@angular/router';
import { provideTranslationFile } from '@casustafel/client/data-access';

/*
 * Mounted by the app under full paths (guarded by a complete session there); children inherit
 * the parent's `:teamId` or `:meetingId` as an input.
 */

/** `/teams/:teamId/overleggen` */
export const MEETING_LIST_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslationFile('meetings')],
    title: 'meetings.list.title',
    loadComponent: () =>
      import('./meeting-list-page.component').then((m) => m.MeetingListPageComponent),
  },
];

/** `/overleggen/:meetingId`, `/overleggen/:meetingId/live` and `/overleggen/:meetingId/notulen` */
export const MEETING_ROUTES: Routes = [
  {
    path: ':meetingId',
    providers: [provideTranslationFile('meetings')],
    title: 'meetings.agenda.title',
    loadComponent: () => import('./agenda-page.component').then((m) => m.AgendaPageComponent),
  },
  {
    path: ':meetingId/live',
    // The live room shows the case's preparation and ZRM snapshot (their texts, not the case file's).
    providers: [provideTranslationFile('meetings', 'preparation')],
    title: 'meetings.live.title',
    loadComponent: () => import('./live-room-page.component').then((m) => m.LiveRoomPageComponent),
  },
  {
    path: ':meetingId/notulen',
    providers: [provideTranslationFile('meetings')],
    title: 'meetings.minutes.title',
    loadComponent: () => import('./minutes-page.component').then((m) => m.MinutesPageComponent),
  },
];
