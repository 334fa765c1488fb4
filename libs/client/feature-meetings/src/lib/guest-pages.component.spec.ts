import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { of, Subject } from 'rxjs';
import type { GuestSessionView, GuestSignIn, GuestStateEvent } from '@casustafel/contracts';
import { type GuestRoomView, guestView } from '@casustafel/domain';
import {
  type ApiResult,
  AuthStore,
  GuestsApi,
  type MeetingServerMessage,
  type NoteSync,
  NoteSyncService,
  type NoteUser,
  RealtimeClient,
  type RealtimeEvent,
  type RecordServerMessage,
} from '@casustafel/client/data-access';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { GuestRoomPageComponent } from './guest-room-page.component';
import {
  GuestSignInPageComponent,
  normaliseGuestCode,
  tokenFromHash,
} from './guest-sign-in-page.component';
import {
  appTranslation,
  GUEST_MEETING,
  guestItemDecision,
  guestMeetingRoom,
  guestSessionView,
} from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const TOKEN = 'Tk_' + 'x'.repeat(40);
const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const { guest: GUEST, invitedItem: ITEM_A } = GUEST_MEETING;

const translations = () =>
  TranslocoTestingModule.forRoot({
    langs: { nl },
    translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
  });
const q = (root: HTMLElement, id: string) =>
  root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('guest sign-in helpers', () => {
  it('takes the token from the fragment only when it looks like one', () => {
    expect(tokenFromHash(`#${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#kort')).toBeNull();
    expect(tokenFromHash('#<script>alert(1)</script>xxxxxxxxxxxxxxxx')).toBeNull();
  });

  it('accepts eight digits typed with spaces or a dash', () => {
    expect(normaliseGuestCode('1234 5678')).toBe('12345678');
    expect(normaliseGuestCode('1234-5678')).toBe('12345678');
    expect(normaliseGuestCode('1234567')).toBeNull();
    expect(normaliseGuestCode('1234567a')).toBeNull();
  });
});

describe('GuestSignInPageComponent', () => {
  let signIns: GuestSignIn[];
  let answer: ApiResult<unknown>;
  let load: jest.Mock<() => Promise<null>>;

  beforeEach(() => {
    signIns = [];
    answer = { ok: true, data: { stage: 'complete' } };
    load = jest.fn(async () => null);
    TestBed.configureTestingModule({
      imports: [translations()],
      providers: [
        provideRouter([]),
        {
          provide: GuestsApi,
          useValue: {
            signIn: (body: GuestSignIn) => {
              signIns.push(body);
              return of(answer);
            },
          },
        },
        { provide: AuthStore, useValue: { load } },
      ],
    });
  });

  afterEach(() => history.replaceState(null, '', '/'));

  async function render() {
    const fixture = TestBed.createComponent(GuestSignInPageComponent);
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  const enter = (root: HTMLElement, code: string) => {
    const input = q(root, 'guest-code') as HTMLInputElement;
    input.value = code;
    input.dispatchEvent(new Event('input'));
  };

  it('removes the token from the address bar, signs in with it and opens the meeting', async () => {
    history.replaceState(null, '', `/gast#${TOKEN}`);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, root } = await render();
    expect(location.hash).toBe('');
    expect(location.pathname).toBe('/gast');
    expect(q(root, 'guest-what')?.textContent).toContain('alleen de agendapunten');
    const input = q(root, 'guest-code') as HTMLInputElement;
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    enter(root, '1234 5678');
    q(root, 'guest-sign-in-submit')?.click();
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    expect(signIns).toEqual([{ token: TOKEN, code: '12345678' }]);
    expect(load).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith('/gast/overleg');
  });

  it('checks the code before sending and shows the api refusal in Dutch', async () => {
    history.replaceState(null, '', `/gast#${TOKEN}`);
    const { fixture, root } = await render();
    enter(root, '123');
    q(root, 'guest-sign-in-submit')?.click();
    await fixture.whenStable();
    expect(signIns).toEqual([]);
    expect(root.textContent).toContain('Vul de code van 8 cijfers in.');
    answer = {
      ok: false,
      failure: { kind: 'error', code: 'GUEST_ACCESS_INVALID', status: 401, requestId: 'r' },
    };
    enter(root, '00000000');
    q(root, 'guest-sign-in-submit')?.click();
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
    expect(q(root, 'guest-sign-in-error')?.textContent).toContain('De link of de code klopt niet');
    expect(load).not.toHaveBeenCalled();
  });

  it('explains in Dutch what to do without a token', async () => {
    history.replaceState(null, '', '/gast');
    const { root } = await render();
    expect(q(root, 'guest-no-token')?.textContent).toContain('Open de link uit uw uitnodiging');
    expect(q(root, 'guest-sign-in-form')).toBeNull();
  });
});

describe('GuestRoomPageComponent', () => {
  let events$: Subject<RealtimeEvent>;
  let meeting$: Subject<MeetingServerMessage>;
  let records$: Subject<RecordServerMessage>;
  let guest$: Subject<GuestStateEvent>;
  let emits: { event: string; payload: Record<string, unknown> }[];
  let client: { connected: boolean };
  const session = guestSessionView(MEETING, 'Welke ondersteuning kan de GGZ bieden?');
  const base = (): GuestRoomView => guestView(guestMeetingRoom(MEETING), [ITEM_A]);
  const decision = guestItemDecision(MEETING, 'd1', 'Intake bij GGZ Centraal');

  beforeEach(() => {
    events$ = new Subject();
    meeting$ = new Subject();
    records$ = new Subject();
    guest$ = new Subject();
    emits = [];
    client = { connected: true };
    const fake = Object.assign(client, {
      events$,
      meeting$,
      records$,
      guest$,
      notes$: new Subject(),
      connect: jest.fn(),
      disconnect: jest.fn(),
      emitAwareness: jest.fn(),
      emitWithAck: jest.fn(async (event: string, payload: Record<string, unknown>) => {
        emits.push({ event, payload });
        if (event === 'guest:join') {
          return { ok: true, data: { view: base(), decisions: [decision], actions: [] } };
        }
        return { ok: true, data: { seq: 1, duplicate: false } };
      }),
    });
    const notes = {
      open: jest.fn(async (itemId: string, user: NoteUser) => {
        const doc = new Y.Doc();
        const awareness = new Awareness(doc);
        awareness.setLocalStateField('user', user);
        return {
          itemId,
          doc,
          text: doc.getText('text'),
          awareness,
          status: signal('synced'),
          peers: signal<string[]>([]),
          destroy: () => awareness.destroy(),
        } as unknown as NoteSync;
      }),
    };
    TestBed.configureTestingModule({
      imports: [translations()],
      providers: [
        provideRouter([]),
        { provide: RealtimeClient, useValue: fake },
        { provide: GuestsApi, useValue: { session: () => of({ ok: true, data: session }) } },
        {
          provide: AuthStore,
          useValue: { user: signal({ id: GUEST, displayName: 'Gerrit de Graaf', guest: true }) },
        },
        { provide: NoteSyncService, useValue: notes },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(GuestRoomPageComponent);
    const root = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      await fixture.whenStable();
      await new Promise((r) => setTimeout(r, 0));
      await fixture.whenStable();
    };
    await settle();
    return { fixture, root, settle };
  }

  it('shows the meeting, the notice and only the invited items with their question', async () => {
    const { fixture, root } = await render();
    expect(emits[0]).toEqual({ event: 'guest:join', payload: { meetingId: MEETING } });
    expect(q(root, 'guest-room-heading')?.textContent).toContain('Wijkteam Noord');
    expect(q(root, 'guest-notice')?.textContent).toContain(
      'U bent gast bij dit overleg en ziet alleen de agendapunten waarvoor u bent uitgenodigd',
    );
    expect(root.querySelectorAll('[data-testid^="guest-item-planned-"]').length).toBe(1);
    expect(q(root, `guest-item-question-${ITEM_A}`)?.textContent).toContain('GGZ bieden');
    expect(q(root, 'guest-waiting')).not.toBeNull();
    expect(q(root, 'guest-work')).toBeNull();
    fixture.destroy();
  });

  it('names an item without a title of its own by its kind', async () => {
    session.items[0] = { ...session.items[0], title: '' } as GuestSessionView['items'][number];
    try {
      const { fixture, root } = await render();
      expect(q(root, `guest-item-${ITEM_A}`)?.textContent).toContain('Casusbespreking');
      fixture.destroy();
    } finally {
      session.items[0] = {
        ...session.items[0],
        title: 'Gezin A',
      } as GuestSessionView['items'][number];
    }
  });

  it('says another item is discussed, and nothing else of it', async () => {
    const { fixture, root, settle } = await render();
    guest$.next({ ...base(), asOfSeq: 1, otherItemInProgress: true });
    await settle();
    expect(q(root, 'guest-other-item')?.textContent).toContain(
      'Er wordt nu een ander agendapunt besproken',
    );
    expect(q(root, 'guest-clock')).toBeNull();
    expect(q(root, 'guest-hand')).toBeNull();
    expect(q(root, 'guest-work')).toBeNull();
    fixture.destroy();
  });

  it('shows the clock, phases, queue, note and records of a current invited item; raises the hand', async () => {
    const { fixture, root, settle } = await render();
    const view = base();
    guest$.next({
      ...view,
      asOfSeq: 2,
      currentItemId: ITEM_A,
      items: view.items.map((i) => ({
        ...i,
        status: 'actief' as const,
        phase: 'inbreng' as const,
        timer: { ...i.timer, startedAt: Date.now(), running: true },
      })),
    });
    await settle();
    expect(q(root, 'guest-current-item')?.textContent).toContain('Gezin A');
    expect(q(root, 'guest-clock')?.textContent?.trim()).toMatch(/^-?\d\d:\d\d$/);
    expect(q(root, 'guest-phase-inbreng')?.getAttribute('aria-current')).toBe('step');
    expect(q(root, 'note-editor')).not.toBeNull();
    expect(q(root, 'guest-decision-d1')?.textContent).toContain('Intake bij GGZ Centraal');
    expect(q(root, 'guest-announcer')?.textContent).toContain('Gezin A');
    q(root, 'guest-hand')?.click();
    await settle();
    expect(emits.find((e) => e.event === 'meeting:command')?.payload).toMatchObject({
      meetingId: MEETING,
      type: 'hand:raise',
    });
    guest$.next({ ...view, asOfSeq: 3, currentItemId: ITEM_A, speakingQueue: [GUEST] });
    await settle();
    expect(q(root, `guest-queue-${GUEST}`)?.textContent).toContain('(u)');
    expect(q(root, 'guest-hand')?.textContent).toContain('Hand laten zakken');
    expect(q(root, 'guest-hand')?.getAttribute('aria-pressed')).toBe('true');
    fixture.destroy();
  });

  it('shows that the access ended when the server drops the guest, and nothing of the meeting', async () => {
    const { fixture, root, settle } = await render();
    client.connected = false;
    events$.next({ type: 'disconnected', willReconnect: false });
    await settle();
    expect(q(root, 'guest-ended')?.textContent).toContain('ingetrokken of verlopen');
    expect(q(root, 'guest-items')).toBeNull();
    expect(root.textContent).not.toContain('Gezin A');
    fixture.destroy();
  });

  it('shows a closing message when the meeting closes', async () => {
    const { fixture, root, settle } = await render();
    meeting$.next({ type: 'closed', meetingId: MEETING });
    await settle();
    expect(q(root, 'guest-closed')?.textContent).toContain('afgesloten');
    expect(q(root, 'guest-items')).toBeNull();
    fixture.destroy();
  });
});
