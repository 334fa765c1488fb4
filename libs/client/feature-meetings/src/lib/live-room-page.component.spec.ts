import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AgendaItemView, DecisionView } from '@casustafel/contracts';
import { createLiveRoomState, type LiveRoomState } from '@casustafel/domain';
import {
  AuthStore,
  type LiveClock,
  LiveRoomStore,
  MeetingRecordsStore,
  MeetingsStore,
  type NoteSync,
  NoteSyncService,
  type NoteUser,
} from '@casustafel/client/data-access';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { LiveRoomPageComponent } from './live-room-page.component';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const CHAIR = '2d8b3e3a-9c77-4e3a-9b2c-3c4d5e6f7a82';
const MEMBER = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

const agendaItem = (id: string, order: number, kind: AgendaItemView['kind'], title: string) =>
  ({
    id,
    kind,
    title,
    presenterUserId: CHAIR,
    timeBoxMinutes: 10,
    order,
    status: 'gepland',
    preparationId: null,
    caseId: null,
    carriedFromItemId: null,
    plannedStart: null,
    plannedEnd: null,
  }) as AgendaItemView;

function setup(userId: string) {
  const state = signal<LiveRoomState | null>(
    createLiveRoomState(MEETING, [
      { id: 'i1', kind: 'mededeling', order: 0, timeBoxMinutes: 10 },
      { id: 'i2', kind: 'casusbespreking', order: 1, timeBoxMinutes: 10 },
    ]),
  );
  const clock = signal<LiveClock | null>(null);
  const currentItem = computed(
    () => state()?.items.find((i) => i.id === state()?.currentItemId) ?? null,
  );
  const live = {
    state,
    mode: signal('op-afstand'),
    presence: signal([]),
    inRoom: signal([]),
    remote: signal([]),
    closed: signal(false),
    joinError: signal(null),
    connectionState: signal('connected'),
    currentItem,
    phase: computed(() => currentItem()?.phase ?? null),
    speakingQueue: signal<string[]>([]),
    currentSpeaker: signal(null),
    clock,
    overTime: computed(() => clock()?.overtime ?? false),
    join: jest.fn(async (_id: string, _mode: string) => undefined),
    leave: jest.fn(),
    setMode: jest.fn(async () => undefined),
    send: jest.fn(async (_body: unknown) => ({ ok: true, data: { seq: 1, duplicate: false } })),
  };
  const meetings = {
    meeting: signal({ id: MEETING, chairId: CHAIR, timekeeperId: null, status: 'live' }),
    agenda: signal([
      agendaItem('i1', 0, 'mededeling', 'Werkinstructie'),
      agendaItem('i2', 1, 'casusbespreking', ''),
    ]),
    preparations: signal([]),
    memberName: (id: string) => (id === MEMBER ? 'Sanne Bakker' : ''),
    members: signal([{ userId: MEMBER, displayName: 'Sanne Bakker' }]),
    openMeeting: jest.fn(async () => undefined),
    loadAgendaCases: jest.fn(async () => undefined),
    agendaCasesLoaded: signal(true),
    close: jest.fn(async () => ({ ok: true, data: {} })),
    closePreview: jest.fn(async () => ({
      ok: true,
      data: { undiscussedItemIds: ['i2'], destination: 'einde-reeks', nextMeeting: null },
    })),
    caseDetails: signal(new Map()),
  };
  const decisions = signal<DecisionView[]>([]);
  const records = {
    decisionsOf: (itemId: string) => decisions().filter((d) => d.agendaItemId === itemId),
    actionsOf: () => [],
    open: jest.fn(async (_meetingId: string) => undefined),
    close: jest.fn(),
    createDecision: jest.fn(async (_body: unknown) => ({ ok: true, record: {} })),
    createAction: jest.fn(async (_body: unknown) => ({ ok: true, record: {} })),
    updateAction: jest.fn(async () => ({ ok: true, record: {} })),
  };
  /** A local note (no socket): what the editor binds to. */
  const opened: NoteSync[] = [];
  const notes = {
    open: jest.fn(async (itemId: string, user: NoteUser) => {
      const doc = new Y.Doc();
      const awareness = new Awareness(doc);
      awareness.setLocalStateField('user', user);
      const note = {
        itemId,
        doc,
        text: doc.getText('text'),
        awareness,
        status: signal('synced'),
        peers: signal<string[]>([]),
        destroy: () => awareness.destroy(),
      } as unknown as NoteSync;
      opened.push(note);
      return note;
    }),
  };
  TestBed.configureTestingModule({
    imports: [
      TranslocoTestingModule.forRoot({
        langs: { nl },
        translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
      }),
    ],
    providers: [
      provideRouter([]),
      { provide: LiveRoomStore, useValue: live },
      { provide: MeetingsStore, useValue: meetings },
      { provide: AuthStore, useValue: { user: signal({ id: userId, displayName: 'Ik' }) } },
      { provide: MeetingRecordsStore, useValue: records },
      { provide: NoteSyncService, useValue: notes },
    ],
  });
  return { live, state, clock, records, decisions, notes, opened, meetings };
}

async function render() {
  const fixture = TestBed.createComponent(LiveRoomPageComponent);
  fixture.componentRef.setInput('meetingId', MEETING);
  await fixture.whenStable();
  return { fixture, root: fixture.nativeElement as HTMLElement };
}

const q = (root: HTMLElement, id: string) =>
  root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** Fills form fields by test id as a user would: a select changes, a text field gets input. */
function fill(root: HTMLElement, fields: Record<string, string>): void {
  for (const [id, value] of Object.entries(fields)) {
    const field = q(root, id) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
  }
}

describe('LiveRoomPageComponent', () => {
  let ctx: ReturnType<typeof setup>;

  describe('as chair', () => {
    beforeEach(() => {
      ctx = setup(CHAIR);
    });

    it('joins, starts the next item with a command and announces the item', async () => {
      const { fixture, root } = await render();
      expect(ctx.live.join).toHaveBeenCalledWith(MEETING, 'op-afstand');
      q(root, 'live-next-item')?.click();
      expect(ctx.live.send).toHaveBeenCalledWith({ type: 'item:start', itemId: 'i1' });
      ctx.state.update(
        (s) =>
          s && {
            ...s,
            currentItemId: 'i1',
            items: s.items.map((i) => (i.id === 'i1' ? { ...i, status: 'actief' as const } : i)),
          },
      );
      ctx.clock.set({ remainingMs: 60_000, text: '01:00', overtime: false, running: true });
      await fixture.whenStable();
      expect(q(root, 'live-item-i1')?.getAttribute('aria-current')).toBe('true');
      expect(q(root, 'live-clock')?.textContent?.trim()).toBe('01:00');
      expect(q(root, 'live-announcer')?.textContent).toContain('Nu aan de orde: Werkinstructie.');
    });

    it('marks a person whose connection dropped as reconnecting, the others not', async () => {
      const member = {
        userId: MEMBER,
        displayName: 'Sanne Bakker',
        mode: 'op-afstand',
        reconnecting: true,
      };
      const chair = { userId: CHAIR, displayName: 'Ik', mode: 'in-de-ruimte' };
      ctx.live.presence.set([member, chair] as never);
      ctx.live.remote.set([member] as never);
      ctx.live.inRoom.set([chair] as never);
      const { fixture, root } = await render();
      expect(q(root, `live-present-${MEMBER}`)?.textContent).toContain('Sanne Bakker');
      expect(q(root, `live-reconnecting-${MEMBER}`)?.textContent?.trim()).toBe(
        '(verbindt opnieuw…)',
      );
      expect(q(root, `live-present-${CHAIR}`)?.textContent?.trim()).toBe('Ik');
      expect(q(root, `live-reconnecting-${CHAIR}`)).toBeNull();
      // Back: the mark goes.
      ctx.live.remote.set([{ ...member, reconnecting: undefined }] as never);
      await fixture.whenStable();
      expect(q(root, `live-reconnecting-${MEMBER}`)).toBeNull();
      expect(q(root, `live-present-${MEMBER}`)?.textContent?.trim()).toBe('Sanne Bakker');
    });

    it('shows over time in text as well as colour', async () => {
      ctx.state.update((s) => s && { ...s, currentItemId: 'i1' });
      ctx.clock.set({ remainingMs: -5_000, text: '-00:05', overtime: true, running: true });
      const { root } = await render();
      expect(q(root, 'live-clock')?.classList).toContain('cst-live__time--over');
      expect(q(root, 'live-overtime')?.textContent).toContain('Over tijd');
    });

    it('shows the five phases for a case item and moves them', async () => {
      ctx.state.update(
        (s) =>
          s && {
            ...s,
            currentItemId: 'i2',
            items: s.items.map((i) => (i.id === 'i2' ? { ...i, phase: 'ordening' as const } : i)),
          },
      );
      const { root } = await render();
      expect(root.querySelectorAll('[data-testid^="live-phase-"][aria-current]').length).toBe(1);
      expect(q(root, 'live-phase-ordening')?.getAttribute('aria-current')).toBe('step');
      q(root, 'live-phase-next')?.click();
      expect(ctx.live.send).toHaveBeenCalledWith({ type: 'phase:advance', itemId: 'i2' });
    });
  });

  describe('running the agenda as chair', () => {
    beforeEach(() => {
      ctx = setup(CHAIR);
    });

    const current = (id: string, status: 'besproken' | 'overgeslagen' | null = null) =>
      ctx.state.update(
        (s) =>
          s && {
            ...s,
            currentItemId: status === null ? id : null,
            items: s.items.map((i) =>
              i.id === id ? { ...i, status: status ?? ('actief' as const) } : i,
            ),
          },
      );

    it('leaving an unfinished item asks: besproken, doorschuiven (case items) or later', async () => {
      current('i2');
      ctx.state.update(
        (s) =>
          s && {
            ...s,
            items: s.items.map((i) => (i.id === 'i1' ? { ...i, status: 'gepland' as const } : i)),
          },
      );
      const { fixture, root } = await render();
      // i1 is still planned: starting it from the agenda leaves the current case item.
      q(root, 'live-start-i1')?.click();
      await fixture.whenStable();
      expect(ctx.live.send).not.toHaveBeenCalled();
      expect(q(root, 'live-leave-ask')?.textContent).toContain('Hoe gaat');
      expect(q(root, 'live-leave-defer')?.textContent).toContain(
        'Doorschuiven naar het volgende overleg',
      );
      q(root, 'live-leave-defer')?.click();
      await fixture.whenStable();
      expect(ctx.live.send).toHaveBeenCalledWith({
        type: 'item:start',
        itemId: 'i1',
        previousStatus: 'overgeslagen',
      });
      expect(q(root, 'live-leave-ask')).toBeNull();
    });

    it('"Doorschuiven naar het volgende overleg" skips the current case item and announces it', async () => {
      current('i2');
      const { fixture, root } = await render();
      q(root, 'live-defer-item')?.click();
      await fixture.whenStable();
      expect(ctx.live.send).toHaveBeenCalledWith({ type: 'item:skip', itemId: 'i2' });
      expect(q(root, 'live-announcer')?.textContent).toContain('doorgeschoven');
    });

    it('after the last item: "agenda afgerond", no start button and no clock; closing is confirmed', async () => {
      current('i1', 'besproken');
      current('i2', 'overgeslagen');
      const { fixture, root } = await render();
      expect(q(root, 'live-agenda-done')?.textContent).toContain('Agenda afgerond');
      expect(q(root, 'live-agenda-done')?.textContent).toContain('1 besproken, 1 doorgeschoven');
      expect(q(root, 'live-next-item')).toBeNull();
      expect(q(root, 'live-no-item')).toBeNull();
      expect(q(root, 'live-clock')).toBeNull();
      q(root, 'live-done-close')?.click();
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
      expect(ctx.meetings.close).not.toHaveBeenCalled();
      expect(q(root, 'live-close-destination')?.textContent).toContain(
        'laatste overleg van de reeks',
      );
      expect(q(root, 'live-close-items')?.querySelectorAll('li').length).toBe(1);
      q(root, 'live-close-yes')?.click();
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(ctx.meetings.close).toHaveBeenCalledTimes(1);
    });

    it("the lower-hand button's name starts with its visible text and names the person", async () => {
      ctx.live.speakingQueue.set([MEMBER]);
      const { root } = await render();
      const button = q(root, `live-lower-${MEMBER}`);
      expect(button?.getAttribute('aria-label')).toBeNull();
      expect(button?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
        'Hand laten zakken (Sanne Bakker)',
      );
    });

    it('marks a guest as a guest in the presence list', async () => {
      const guest = {
        userId: MEMBER,
        displayName: 'Gerrit de Graaf',
        mode: 'op-afstand',
        guest: true,
      };
      ctx.live.presence.set([guest] as never);
      ctx.live.remote.set([guest] as never);
      const { root } = await render();
      expect(q(root, `live-guest-${MEMBER}`)?.textContent?.trim()).toBe('gast');
    });
  });

  describe('notes, decisions and actions', () => {
    beforeEach(() => {
      ctx = setup(CHAIR);
      ctx.state.update((s) => s && { ...s, currentItemId: 'i1' });
    });

    it('opens the current item’s shared note in a labelled editor and loads the records', async () => {
      const { root } = await render();
      expect(ctx.records.open).toHaveBeenCalledWith(MEETING);
      expect(ctx.notes.open).toHaveBeenCalledWith('i1', expect.objectContaining({ name: 'Ik' }));
      const input = root.querySelector<HTMLElement>('[data-testid="note-input"]');
      expect(input?.getAttribute('contenteditable')).toBe('true');
      const label = root.querySelector(`#${input?.getAttribute('aria-labelledby')}`);
      expect(label?.textContent).toContain('Gedeelde aantekeningen');
      expect(label?.textContent).toContain('Aantekeningen bij Werkinstructie');
      // Text in the shared Y.Text shows in the editor.
      ctx.opened[0]?.text.insert(0, 'Afspraak met de school');
      expect(input?.textContent).toContain('Afspraak met de school');
    });

    it('records a decision with type, text and grounds, and says what is missing first', async () => {
      const { fixture, root } = await render();
      q(root, 'decision-submit')?.click();
      await fixture.whenStable();
      expect(ctx.records.createDecision).not.toHaveBeenCalled();
      expect(root.textContent).toContain('Kies de soort besluit.');
      fill(root, {
        'decision-type': 'opschalen',
        'decision-text-input': 'Opschalen naar Veilig Thuis',
        'decision-rationale': 'Zorgen over de veiligheid',
      });
      q(root, 'decision-submit')?.click();
      await fixture.whenStable();
      expect(ctx.records.createDecision).toHaveBeenCalledWith({
        itemId: 'i1',
        type: 'opschalen',
        text: 'Opschalen naar Veilig Thuis',
        rationale: 'Zorgen over de veiligheid',
        onBehalfOfTeam: false,
      });
      expect(q(root, 'records-saved')?.textContent).toContain('Besluit vastgelegd.');
      // The form is empty again, ready for the next decision, and shows no errors.
      fixture.detectChanges();
      expect((q(root, 'decision-text-input') as HTMLTextAreaElement).value).toBe('');
      expect((q(root, 'decision-rationale') as HTMLTextAreaElement).value).toBe('');
      expect((q(root, 'decision-type') as HTMLSelectElement).value).toBe('');
      expect(root.textContent).not.toContain('Kies de soort besluit.');
    });

    it('keeps a blank text from being recorded as a decision', async () => {
      const { fixture, root } = await render();
      fill(root, {
        'decision-type': 'opschalen',
        'decision-text-input': '   ',
        'decision-rationale': 'Zorgen over de veiligheid',
      });
      q(root, 'decision-submit')?.click();
      await fixture.whenStable();
      expect(ctx.records.createDecision).not.toHaveBeenCalled();
      expect(q(root, 'decision-text-input')?.getAttribute('aria-invalid')).toBe('true');
    });

    it('records a decision on behalf of the team, in the name of the chair', async () => {
      const { fixture, root } = await render();
      const team = q(root, 'decision-team') as HTMLInputElement;
      const hint = root.querySelector(`#${team.getAttribute('aria-describedby')}`);
      expect(hint?.textContent).toContain('op naam van de voorzitter');
      expect(root.querySelector(`label[for="${team.id}"]`)?.textContent).toContain(
        'Namens het team',
      );
      team.click();
      fill(root, {
        'decision-type': 'geen-actie',
        'decision-text-input': 'Geen verdere actie',
        'decision-rationale': 'Het netwerk pakt het op',
      });
      q(root, 'decision-submit')?.click();
      await fixture.whenStable();
      expect(ctx.records.createDecision).toHaveBeenCalledWith(
        expect.objectContaining({ type: 'geen-actie', onBehalfOfTeam: true }),
      );
    });

    it('links a new action to a decision of the item, and shows the link', async () => {
      const decision: DecisionView = {
        id: 'd1',
        meetingId: MEETING,
        agendaItemId: 'i1',
        type: 'verwijzing-1e-lijn',
        text: 'Verwijzen naar het maatschappelijk werk',
        rationale: 'Past het best',
        decidedByUserId: MEMBER,
        recordedByUserId: MEMBER,
        decidedAt: '2026-03-02T09:00:00.000Z',
      };
      ctx.decisions.set([decision]);
      const { fixture, root } = await render();
      expect(q(root, 'decision-by')?.textContent).toContain('Besloten door Sanne Bakker');
      const link = q(root, 'action-decision') as HTMLSelectElement;
      expect(root.querySelector(`label[for="${link.id}"]`)?.textContent).toContain('Bij besluit');
      expect(link.textContent).toContain('Verwijzen naar het maatschappelijk werk');
      fill(root, {
        'action-owner': MEMBER,
        'action-due': '2099-01-01',
        'action-decision': 'd1',
        'action-text-input': 'Aanmelden bij het maatschappelijk werk',
      });
      q(root, 'action-submit')?.click();
      await fixture.whenStable();
      expect(ctx.records.createAction).toHaveBeenCalledWith(
        expect.objectContaining({
          decisionId: 'd1',
          text: 'Aanmelden bij het maatschappelijk werk',
        }),
      );
    });

    it('shows a Dutch message for a refused command', async () => {
      ctx.records.createAction.mockResolvedValueOnce({ ok: false, code: 'FORBIDDEN' } as never);
      const { fixture, root } = await render();
      fill(root, {
        'action-owner': MEMBER,
        'action-due': '2099-01-01',
        'action-text-input': 'Bel de school',
      });
      q(root, 'action-submit')?.click();
      await fixture.whenStable();
      expect(ctx.records.createAction).toHaveBeenCalledWith({
        itemId: 'i1',
        ownerUserId: MEMBER,
        due: '2099-01-01',
        text: 'Bel de school',
        decisionId: null,
      });
      expect(q(root, 'records-error')?.textContent).toContain(nl.errors.FORBIDDEN);
    });

    it('shows another item on request and follows the current item again', async () => {
      const { fixture, root } = await render();
      q(root, 'live-show-i2')?.click();
      await fixture.whenStable();
      expect(ctx.notes.open).toHaveBeenLastCalledWith('i2', expect.anything());
      expect(q(root, 'live-work-other')).not.toBeNull();
      q(root, 'live-work-follow')?.click();
      await fixture.whenStable();
      expect(ctx.notes.open).toHaveBeenLastCalledWith('i1', expect.anything());
      expect(q(root, 'live-work-other')).toBeNull();
    });
  });

  describe('as member', () => {
    beforeEach(() => {
      ctx = setup(MEMBER);
    });

    it('has no chair controls but may raise a hand', async () => {
      const { root } = await render();
      expect(q(root, 'live-controls')).toBeNull();
      q(root, 'live-hand')?.click();
      expect(ctx.live.send).toHaveBeenCalledWith({ type: 'hand:raise' });
    });
  });
});
