import type { Routes } from '@angular/router';
import { guestSessionGuard, provideTranslationFile } from '@casustafel/client/data-access';

/**
 * Mounted by the app at `/gast`: the public sign-in with the invitation link (`/gast#<token>`)
 * and the guest's meeting (`/gast/overleg`, a complete guest session).
 */
export const GUEST_ROUTES: Routes = [
  {
    path: '',
    providers: [provideTranslationFile('meetings')],
    pathMatch: 'full',
    title: 'guest.signIn.title',
    loadComponent: () =>
      import('./guest-sign-in-page.component').then((m) => m.GuestSignInPageComponent),
  },
  {
    path: 'overleg',
    providers: [provideTranslationFile('meetings')],
    title: 'guest.room.title',
    canActivate: [guestSessionGuard],
    loadComponent: () =>
      import('./guest-room-page.component').then((m) => m.GuestRoomPageComponent),
  },
];
