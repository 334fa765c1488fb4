import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AgendaItemView, MeetingDetail } from '@casustafel/contracts';
import { of } from 'rxjs';
import { AuthStore, GuestsApi, MeetingsStore } from '@casustafel/client/data-access';
import { AgendaPageComponent } from './agenda-page.component';
import { focusAfterMove, stepTarget } from './agenda-move';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const ME = '2d8b3e3a-9c77-4e3a-9b2c-3c4d5e6f7a82';
const PREP = '5a0e6b6d-cf0a-4b6d-8e5f-6f7a8b9cadb5';

function item(id: string, order: number, title: string): AgendaItemView {
  return {
    id,
    kind: 'mededeling',
    title,
    presenterUserId: ME,
    timeBoxMinutes: 10,
    order,
    status: 'gepland',
    preparationId: null,
    caseId: null,
    carriedFromItemId: null,
    consent: null,
    plannedStart: null,
    plannedEnd: null,
  };
}

function fakeStore() {
  const meeting = signal<MeetingDetail>({
    id: MEETING,
    teamId: '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93',
    seriesId: null,
    type: 'casuistiekoverleg',
    startsAt: '2026-12-08T08:30:00.000Z',
    endsAt: '2026-12-08T10:00:00.000Z',
    durationMinutes: 90,
    status: 'gepland',
    published: false,
    chairId: ME,
    timekeeperId: null,
    minuteTakerId: null,
    plannedMinutes: 30,
    agenda: [item('a', 0, 'Alpha'), item('b', 1, 'Bravo'), item('c', 2, 'Charlie')],
  });
  const agenda = computed(() => [...meeting().agenda].sort((x, y) => x.order - y.order));
  const reorder = jest.fn(async (itemId: string, toIndex: number) => {
    const items = [...agenda()];
    const from = items.findIndex((i) => i.id === itemId);
    const [moved] = items.splice(from, 1);
    items.splice(toIndex, 0, moved);
    meeting.update((m) => ({ ...m, agenda: items.map((i, order) => ({ ...i, order })) }));
    return { ok: true as const, data: meeting() };
  });
  return {
    meeting,
    agenda,
    members: signal([{ userId: ME, displayName: 'Fatima', discipline: 'ggz', roles: ['chair'] }]),
    preparations: signal([
      {
        preparationId: PREP,
        caseId: '4f0d5a5c-be99-4a5c-bd4e-5e6f7a8b9ca4',
        caseTitle: 'Zorgen om het gezin',
        householdLabel: 'Huishouden Jansen',
        readyAt: null,
      },
    ]),
    addItem: jest.fn(async (_body: Record<string, unknown>) => ({
      ok: true as const,
      data: meeting(),
    })),
    failureKey: signal(null),
    memberName: () => 'Fatima',
    openMeeting: jest.fn(async () => undefined),
    loadPreparations: jest.fn(async () => undefined),
    reorder,
  };
}

describe('agenda moves', () => {
  it('computes the target of one step and the button that keeps focus', () => {
    expect(stepTarget(['a', 'b', 'c'], 'b', 'up')).toBe(0);
    expect(stepTarget(['a', 'b', 'c'], 'a', 'up')).toBeNull();
    expect(stepTarget(['a', 'b', 'c'], 'c', 'down')).toBeNull();
    expect(focusAfterMove(0, 3, 'up')).toBe('down');
    expect(focusAfterMove(2, 3, 'down')).toBe('up');
    expect(focusAfterMove(1, 3, 'down')).toBe('down');
  });
});

describe('AgendaPageComponent', () => {
  let store: ReturnType<typeof fakeStore>;

  beforeEach(() => {
    store = fakeStore();
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [
        provideRouter([]),
        { provide: MeetingsStore, useValue: store },
        { provide: AuthStore, useValue: { user: signal({ id: ME, teams: [] }) } },
        { provide: GuestsApi, useValue: { list: () => of({ ok: true, data: [] }) } },
      ],
    });
  });

  async function open() {
    const fixture = TestBed.createComponent(AgendaPageComponent);
    fixture.componentRef.setInput('meetingId', MEETING);
    await fixture.whenStable();
    document.body.appendChild(fixture.nativeElement);
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  const titles = (root: HTMLElement) =>
    [...root.querySelectorAll('[data-testid^="agenda-item-"] strong')].map((e) =>
      e.textContent?.trim(),
    );

  it('moves an item down by keyboard, keeps focus on it and announces the new place', async () => {
    const { fixture, root } = await open();
    expect(titles(root)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    const down = root.querySelector<HTMLButtonElement>('[data-testid="agenda-down-a"]');
    down?.focus();
    down?.click();
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
    expect(store.reorder).toHaveBeenCalledWith('a', 1);
    expect(titles(root)).toEqual(['Bravo', 'Alpha', 'Charlie']);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('agenda-down-a');
    expect(root.querySelector('[data-testid="agenda-announcer"]')?.textContent).toContain(
      'Alpha staat nu op plaats 2 van 3',
    );
  });

  it('moves focus to the other button when the item reaches the top', async () => {
    const { fixture, root } = await open();
    root.querySelector<HTMLButtonElement>('[data-testid="agenda-up-b"]')?.click();
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
    expect(titles(root)).toEqual(['Bravo', 'Alpha', 'Charlie']);
    expect(root.querySelector<HTMLButtonElement>('[data-testid="agenda-up-b"]')?.disabled).toBe(
      true,
    );
    expect(document.activeElement?.getAttribute('data-testid')).toBe('agenda-down-b');
  });

  const settle = async (fixture: { whenStable: () => Promise<unknown> }) => {
    for (let i = 0; i < 3; i++) {
      await fixture.whenStable();
      await new Promise((r) => setTimeout(r, 0));
    }
  };

  it('asks why when the ledger does not cover the case, then sends the justification', async () => {
    store.addItem
      .mockResolvedValueOnce({
        ok: false,
        failure: {
          kind: 'error',
          code: 'CONSENT_JUSTIFICATION_REQUIRED',
          status: 422,
          requestId: 'r',
          details: [{ path: 'consentJustification', issue: 'verlopen' }],
        },
      } as never)
      .mockResolvedValueOnce({ ok: true, data: store.meeting() });
    const { fixture, root } = await open();
    root.querySelector<HTMLButtonElement>('[data-testid="agenda-add-toggle"]')?.click();
    await settle(fixture);
    const select = (id: string, value: string) => {
      const el = root.querySelector<HTMLSelectElement>(`[data-testid="${id}"]`);
      if (!el) throw new Error(`no ${id}`);
      el.value = value;
      el.dispatchEvent(new Event('change'));
    };
    select('agenda-add-presenter', ME);
    select('agenda-add-preparation', PREP);
    const submit = () =>
      root
        .querySelector<HTMLFormElement>('[data-testid="agenda-add-form"]')
        ?.dispatchEvent(new Event('submit'));
    submit();
    await settle(fixture);
    expect(store.addItem).toHaveBeenCalledTimes(1);
    expect(store.addItem.mock.calls[0]?.[0]).toMatchObject({
      preparationId: PREP,
      consentJustification: null,
    });
    expect(root.querySelector('[data-testid="agenda-consent-reason"]')?.textContent).toContain(
      'is verlopen',
    );
    // Too short: refused in the form, nothing sent.
    const text = root.querySelector<HTMLTextAreaElement>(
      '[data-testid="agenda-add-justification"]',
    );
    if (!text) throw new Error('no justification field');
    text.value = 'kort';
    text.dispatchEvent(new Event('input'));
    submit();
    await settle(fixture);
    expect(store.addItem).toHaveBeenCalledTimes(1);
    expect(root.querySelector('#agenda-add-justification-error')).not.toBeNull();
    text.value = 'Acute zorgen over de veiligheid van de kinderen.';
    text.dispatchEvent(new Event('input'));
    submit();
    await settle(fixture);
    expect(store.addItem).toHaveBeenCalledTimes(2);
    expect(store.addItem.mock.calls[1]?.[0]).toMatchObject({
      preparationId: PREP,
      consentJustification: 'Acute zorgen over de veiligheid van de kinderen.',
    });
    expect(root.querySelector('[data-testid="agenda-consent-step"]')).toBeNull();
  });

  it('shows the consent state of case items on the agenda', async () => {
    store.meeting.update((m) => ({
      ...m,
      agenda: [
        {
          ...item('x', 0, 'Gezin Jansen'),
          kind: 'casusbespreking',
          consent: {
            state: 'verlopen',
            validUntil: null,
            justification: 'Acute zorgen over de veiligheid.',
            justifiedBy: ME,
            justifiedAt: '2026-12-01T09:00:00.000Z',
          },
        },
        {
          ...item('y', 1, 'Gezin Bakker'),
          kind: 'casusbespreking',
          consent: {
            state: 'gedekt',
            validUntil: '2027-03-31',
            justification: null,
            justifiedBy: null,
            justifiedAt: null,
          },
        },
      ],
    }));
    const { root } = await open();
    const x = root.querySelector('[data-testid="agenda-consent-x"]')?.textContent ?? '';
    expect(x).toContain('Geen geldige toestemming — verantwoording vastgelegd');
    expect(x).toContain('Acute zorgen over de veiligheid.');
    expect(root.querySelector('[data-testid="agenda-consent-y"]')?.textContent).toContain(
      'Toestemming geldig tot 31 maart 2027',
    );
  });
});
