import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { of } from 'rxjs';
import type {
  GuestInvitationCreated,
  GuestInvitationView,
  InviteGuest,
} from '@casustafel/contracts';
import { type ApiResult, GuestsApi } from '@casustafel/client/data-access';
import { consentMissingItems, GuestInvitePanelComponent } from './guest-invite-panel.component';
import { appTranslation } from '@casustafel/client/data-access/testing';

const nl = appTranslation('nl');
const MEETING = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const ITEM_A = '11111111-1111-4111-8111-111111111111';
const ITEM_B = '22222222-2222-4222-8222-222222222222';
const INVITATION = '33333333-3333-4333-8333-333333333333';
const JUSTIFICATION = 'Acuut risico op huisuitzetting; schuldhulp moet nu meedenken.';

function invitation(overrides: Partial<GuestInvitationView> = {}): GuestInvitationView {
  return {
    id: INVITATION,
    meetingId: MEETING,
    name: 'Sara Schuld',
    email: 'sara@schuldhulp.example',
    discipline: 'schuldhulpverlener',
    organisationName: 'Schuldhulp Stad',
    items: [{ itemId: ITEM_B, basis: 'motivering', consentId: null }],
    justification: JUSTIFICATION,
    status: 'uitgenodigd',
    delivery: 'uitnodiger',
    expiresAt: '2026-12-08T11:00:00.000Z',
    signedInAt: null,
    invitedByUserId: '44444444-4444-4444-8444-444444444444',
    createdAt: '2026-12-01T08:00:00.000Z',
    ...overrides,
  };
}

const created = (code: string | null, token = 'a'.repeat(43)): GuestInvitationCreated => ({
  invitation: invitation(),
  link: `http://localhost:3000/gast#${token}`,
  code,
});

describe('consentMissingItems', () => {
  it('maps itemIds.N of a consent-missing answer to the item ids', () => {
    expect(
      consentMissingItems(
        [
          { path: 'itemIds.1', issue: 'consent-missing' },
          { path: 'name', issue: 'too-short' },
        ],
        [ITEM_A, ITEM_B],
      ),
    ).toEqual([ITEM_B]);
  });
});

describe('GuestInvitePanelComponent', () => {
  let invites: InviteGuest[];
  let inviteAnswers: ApiResult<GuestInvitationCreated>[];
  let api: {
    list: jest.Mock<() => unknown>;
    invite: jest.Mock<(meetingId: string, body: InviteGuest) => unknown>;
    revoke: jest.Mock<(meetingId: string, invitationId: string) => unknown>;
    newCode: jest.Mock<(meetingId: string, invitationId: string) => unknown>;
  };

  beforeEach(() => {
    invites = [];
    inviteAnswers = [];
    api = {
      list: jest.fn(() => of({ ok: true, data: [] })),
      invite: jest.fn((_meetingId: string, body: InviteGuest) => {
        invites.push(body);
        return of(inviteAnswers.shift());
      }),
      revoke: jest.fn(() => of({ ok: true, data: invitation({ status: 'ingetrokken' }) })),
      newCode: jest.fn(() => of({ ok: true, data: created('87654321', 'b'.repeat(43)) })),
    };
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [{ provide: GuestsApi, useValue: api }],
    });
  });

  async function open(canInvite: boolean) {
    const fixture = TestBed.createComponent(GuestInvitePanelComponent);
    fixture.componentRef.setInput('meetingId', MEETING);
    fixture.componentRef.setInput('items', [
      { id: ITEM_A, label: 'Mededeling: werkinstructie' },
      { id: ITEM_B, label: 'Casusbespreking: Schulden en opvoedvragen' },
    ]);
    fixture.componentRef.setInput('canInvite', canInvite);
    await fixture.whenStable();
    document.body.appendChild(fixture.nativeElement);
    const root = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      await fixture.whenStable();
      await new Promise((r) => setTimeout(r, 0));
      await fixture.whenStable();
    };
    const $ = <T extends HTMLElement>(id: string) => root.querySelector<T>(`[data-testid="${id}"]`);
    const type = (id: string, value: string) => {
      const el = $<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(id);
      if (!el) throw new Error(`no ${id}`);
      el.value = value;
      el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input'));
    };
    return { fixture, root, settle, $, type };
  }

  it('asks for a justification naming the items without consent, then shows link and code', async () => {
    const { root, settle, $, type } = await open(true);
    $('guest-invite-open')?.click();
    await settle();
    // Nothing filled in: every field says what is wrong and no request goes out.
    $('guest-invite-submit')?.click();
    await settle();
    expect(api.invite).not.toHaveBeenCalled();
    expect(root.querySelectorAll('.cst-field__error').length).toBe(5);
    expect(document.activeElement?.id).toBe('guest-invite-name');

    type('guest-invite-name', 'Sara Schuld');
    type('guest-invite-email', 'sara@schuldhulp.example');
    type('guest-invite-discipline', 'schuldhulpverlener');
    type('guest-invite-organisation', 'Schuldhulp Stad');
    $<HTMLInputElement>(`guest-invite-item-${ITEM_B}`)?.click();
    inviteAnswers.push({
      ok: false,
      failure: {
        kind: 'error',
        code: 'CONFLICT',
        status: 409,
        requestId: 'r1',
        details: [{ path: 'itemIds.0', issue: 'consent-missing' }],
      },
    });
    $('guest-invite-submit')?.click();
    await settle();
    expect(invites[0]).toMatchObject({ itemIds: [ITEM_B], justification: null });
    expect($('guest-invite-consent-missing')?.textContent).toContain(
      'Casusbespreking: Schulden en opvoedvragen',
    );
    expect(document.activeElement?.id).toBe('guest-invite-justification');

    // Too short a justification is refused here; a real one goes out.
    type('guest-invite-justification', 'te kort');
    $('guest-invite-submit')?.click();
    await settle();
    expect(invites).toHaveLength(1);
    expect(root.querySelector('#guest-invite-justification-error')).not.toBeNull();
    type('guest-invite-justification', JUSTIFICATION);
    inviteAnswers.push({ ok: true, data: created('12345678') });
    $('guest-invite-submit')?.click();
    await settle();
    expect(invites[1]).toMatchObject({ itemIds: [ITEM_B], justification: JUSTIFICATION });
    expect($('guest-invite-link')?.textContent?.trim()).toBe(
      `http://localhost:3000/gast#${'a'.repeat(43)}`,
    );
    expect($('guest-invite-code')?.textContent?.trim()).toBe('12345678');
    expect($('guest-invite-warning')?.textContent).toContain('verschillende kanalen');
    expect($('guest-invite-form')).toBeNull();
    expect($(`guest-row-${INVITATION}`)?.textContent).toContain('motivering');
    expect($(`guest-status-${INVITATION}`)?.textContent?.trim()).toBe('Uitgenodigd');
  });

  it('says the code went by e-mail when the api did not return one', async () => {
    const { settle, $, type } = await open(true);
    $('guest-invite-open')?.click();
    await settle();
    type('guest-invite-name', 'Gerrit de Graaf');
    type('guest-invite-email', 'gerrit@ggz.example');
    type('guest-invite-discipline', 'ggz');
    type('guest-invite-organisation', 'GGZ Centraal');
    $<HTMLInputElement>(`guest-invite-item-${ITEM_A}`)?.click();
    inviteAnswers.push({ ok: true, data: created(null) });
    $('guest-invite-submit')?.click();
    await settle();
    expect($('guest-invite-code')).toBeNull();
    expect($('guest-invite-mailed')?.textContent).toContain('De code is per e-mail verstuurd');
  });

  it('revokes after confirmation and makes a new code', async () => {
    api.list.mockReturnValue(of({ ok: true, data: [invitation()] }));
    const { settle, $ } = await open(true);
    $(`guest-new-code-${INVITATION}`)?.click();
    await settle();
    expect(api.newCode).toHaveBeenCalledWith(MEETING, INVITATION);
    expect($('guest-invite-code')?.textContent?.trim()).toBe('87654321');
    $(`guest-revoke-${INVITATION}`)?.click();
    await settle();
    expect(api.revoke).not.toHaveBeenCalled();
    $('guest-revoke-dialog-confirm')?.click();
    await settle();
    expect(api.revoke).toHaveBeenCalledWith(MEETING, INVITATION);
    expect($(`guest-status-${INVITATION}`)?.textContent?.trim()).toBe('Ingetrokken');
    expect($(`guest-revoke-${INVITATION}`)).toBeNull();
    expect($('guest-invite-code')).toBeNull();
  });

  it('shows a member the list without the form or the actions', async () => {
    api.list.mockReturnValue(of({ ok: true, data: [invitation()] }));
    const { $ } = await open(false);
    expect($(`guest-row-${INVITATION}`)?.textContent).toContain('Sara Schuld');
    expect($('guest-invite-open')).toBeNull();
    expect($(`guest-revoke-${INVITATION}`)).toBeNull();
    expect($(`guest-new-code-${INVITATION}`)).toBeNull();
  });
});
