import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import type { MinutesView } from '@casustafel/contracts';
import { AuthStore, MeetingsStore, MinutesStore } from '@casustafel/client/data-access';
import { MinutesPageComponent } from './minutes-page.component';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const CHAIR = '2d8b3e3a-9c77-4e3a-9b2c-3c4d5e6f7a82';
const MEMBER = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const ITEM = '9f8e7d6c-5b4a-4321-8fed-cba987654321';

function draft(): MinutesView {
  return {
    meetingId: MEETING,
    title: 'Casuïstiekoverleg',
    start: '2026-12-01T08:30:00.000Z',
    end: '2026-12-01T10:00:00.000Z',
    status: 'draft',
    attendance: {
      present: [
        { userId: CHAIR, role: 'chair' },
        { userId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', role: 'guest', name: 'Gerrit de Graaf' },
      ],
      absent: [{ userId: MEMBER, role: 'member' }],
    },
    items: [
      {
        itemId: ITEM,
        order: 0,
        kind: 'mededeling',
        title: 'Werkinstructie',
        status: 'besproken',
        question: null,
        notes: 'Regel één\nRegel twee',
        decisions: [
          {
            decisionId: 'd1',
            type: 'geen-actie',
            typeLabel: 'Geen actie',
            text: 'Niets doen',
            rationale: 'Gaat goed',
            decidedByUserId: CHAIR,
          },
        ],
        actions: [
          {
            actionId: 'a1',
            description: 'Bel de school',
            ownerUserId: MEMBER,
            due: '2026-12-08',
            status: 'open',
          },
        ],
      },
    ],
    approvedByUserId: null,
    approvedAt: null,
    generatedAt: '2026-12-01T10:00:00.000Z',
    generatedByUserId: CHAIR,
    updatedAt: '2026-12-01T10:00:00.000Z',
  };
}

function setup(userId: string, minutes: MinutesView | null) {
  const current = signal<MinutesView | null>(minutes);
  const store = {
    minutes: current,
    loading: signal(false),
    missing: signal(minutes === null),
    approved: computed(() => current()?.status === 'approved'),
    failureKey: signal(null),
    pdfUrl: signal(`/api/meetings/${MEETING}/minutes.pdf`),
    open: jest.fn(async (_id: string) => undefined),
    generate: jest.fn(async () => {
      current.set(draft());
      return { ok: true, data: draft() };
    }),
    saveNotes: jest.fn(async (itemId: string, notes: string) => {
      const base = current() ?? draft();
      const next = {
        ...base,
        items: base.items.map((i) => (i.itemId === itemId ? { ...i, notes } : i)),
      };
      current.set(next);
      return { ok: true, data: next };
    }),
    approve: jest.fn(async () => {
      const approved = {
        ...draft(),
        status: 'approved' as const,
        approvedByUserId: CHAIR,
        approvedAt: '2026-12-01T10:05:00.000Z',
      };
      current.set(approved);
      return { ok: true, data: approved };
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
      { provide: MinutesStore, useValue: store },
      {
        provide: MeetingsStore,
        useValue: {
          meeting: signal({ id: MEETING, chairId: CHAIR, minuteTakerId: null }),
          memberName: (id: string) =>
            ({ [CHAIR]: 'Fatima El Amrani', [MEMBER]: 'Sanne Bakker' })[id] ?? '',
          openMeeting: jest.fn(async () => undefined),
        },
      },
      { provide: AuthStore, useValue: { user: signal({ id: userId }) } },
    ],
  });
  return store;
}

async function render() {
  const fixture = TestBed.createComponent(MinutesPageComponent);
  fixture.componentRef.setInput('meetingId', MEETING);
  await fixture.whenStable();
  return { fixture, root: fixture.nativeElement as HTMLElement };
}

const q = (root: HTMLElement, id: string) =>
  root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('MinutesPageComponent', () => {
  beforeEach(() => {
    // jsdom has no <dialog> methods.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
  });

  it('the chair makes the minutes: attendance by name, notes as written, decisions', async () => {
    const store = setup(CHAIR, null);
    const { fixture, root } = await render();
    expect(store.open).toHaveBeenCalledWith(MEETING);
    q(root, 'minutes-generate')?.click();
    await fixture.whenStable();
    expect(q(root, 'minutes-status')?.getAttribute('data-status')).toBe('draft');
    expect(q(root, 'minutes-present')?.textContent).toContain('Fatima El Amrani');
    expect(q(root, 'minutes-present')?.textContent).toContain('voorzitter');
    // A guest specialist, not on the team: named as invited.
    expect(q(root, 'minutes-present')?.textContent).toContain('Gerrit de Graaf');
    expect(q(root, 'minutes-present')?.textContent).toContain('gast');
    expect(q(root, 'minutes-absent')?.textContent).toContain('Sanne Bakker');
    expect(q(root, 'minutes-notes')?.textContent).toBe('Regel één\nRegel twee');
    expect(q(root, 'minutes-decisions')?.textContent).toContain('Geen actie');
    expect(q(root, 'minutes-actions')?.textContent).toContain(
      'Sanne Bakker · uiterlijk 8 december 2026',
    );
    expect(q(root, 'minutes-pdf')?.getAttribute('href')).toBe(
      `/api/meetings/${MEETING}/minutes.pdf`,
    );
    expect(q(root, 'minutes-pdf')?.hasAttribute('download')).toBe(true);
  });

  it('links the English PDF when the interface is English', async () => {
    setup(MEMBER, draft());
    TestBed.inject(TranslocoService).setActiveLang('en');
    const { root } = await render();
    expect(q(root, 'minutes-pdf')?.getAttribute('href')).toBe(
      `/api/meetings/${MEETING}/minutes.pdf?lang=en`,
    );
  });

  it('approving asks first; once approved the minutes say they are locked and offer no edits', async () => {
    const store = setup(CHAIR, draft());
    const { fixture, root } = await render();
    q(root, 'minutes-approve')?.click();
    expect(q(root, 'minutes-approve-dialog')?.hasAttribute('open')).toBe(true);
    expect(store.approve).not.toHaveBeenCalled();
    q(root, 'minutes-approve-dialog-confirm')?.click();
    await fixture.whenStable();
    expect(store.approve).toHaveBeenCalled();
    expect(q(root, 'minutes-locked')?.textContent).toContain('Goedgekeurd door Fatima El Amrani');
    expect(q(root, 'minutes-approve')).toBeNull();
    expect(q(root, 'minutes-regenerate')).toBeNull();
    expect(q(root, 'minutes-notes-edit')).toBeNull();
    expect(q(root, 'minutes-announcer')?.textContent).toContain('goedgekeurd en vergrendeld');
  });

  it('the chair rewords an item’s notes in the draft: labelled text, saved, announced', async () => {
    const store = setup(CHAIR, draft());
    const { fixture, root } = await render();
    const edit = q(root, 'minutes-notes-edit') as HTMLButtonElement;
    expect(edit.getAttribute('aria-label')).toBe('Aantekeningen bewerken van Werkinstructie');
    edit.click();
    await fixture.whenStable();
    const input = q(root, 'minutes-notes-input') as HTMLTextAreaElement;
    expect(root.querySelector(`label[for="${input.id}"]`)?.textContent).toContain(
      'Aantekeningen bij Werkinstructie',
    );
    expect(input.value).toBe('Regel één\nRegel twee');
    input.value = 'Besproken met het hele team.';
    input.dispatchEvent(new Event('input'));
    q(root, 'minutes-notes-save')?.click();
    await fixture.whenStable();
    expect(store.saveNotes).toHaveBeenCalledWith(ITEM, 'Besproken met het hele team.');
    expect(q(root, 'minutes-notes-input')).toBeNull();
    expect(q(root, 'minutes-notes')?.textContent).toBe('Besproken met het hele team.');
    expect(q(root, 'minutes-announcer')?.textContent).toContain('aantekeningen zijn opgeslagen');
  });

  it('cancelling an edit keeps the notes as they were', async () => {
    const store = setup(CHAIR, draft());
    const { fixture, root } = await render();
    q(root, 'minutes-notes-edit')?.click();
    await fixture.whenStable();
    const input = q(root, 'minutes-notes-input') as HTMLTextAreaElement;
    input.value = 'Weg ermee';
    input.dispatchEvent(new Event('input'));
    q(root, 'minutes-notes-cancel')?.click();
    await fixture.whenStable();
    expect(store.saveNotes).not.toHaveBeenCalled();
    expect(q(root, 'minutes-notes')?.textContent).toBe('Regel één\nRegel twee');
  });

  it('a member reads the minutes but neither makes nor approves them', async () => {
    setup(MEMBER, draft());
    const { root } = await render();
    expect(q(root, 'minutes-notes-edit')).toBeNull();
    expect(q(root, 'minutes-approve')).toBeNull();
  });

  it('a member sees that the chair or minute taker makes missing minutes', async () => {
    setup(MEMBER, null);
    const { root } = await render();
    expect(q(root, 'minutes-generate')).toBeNull();
    expect(q(root, 'minutes-missing')?.textContent).toContain('voorzitter of notulist');
  });
});
