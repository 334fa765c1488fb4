import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { of } from 'rxjs';
import type { ConferenceSignIn } from '@casustafel/contracts';
import { type ApiResult, AuthStore, FamilyConferenceApi } from '@casustafel/client/data-access';
import { appTranslation } from '@casustafel/client/data-access/testing';
import { CircleSignInPageComponent } from './circle-sign-in-page.component';

const TOKEN = 'Tk_' + 'y'.repeat(40);
const q = (root: HTMLElement, id: string) =>
  root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('CircleSignInPageComponent', () => {
  let signIns: ConferenceSignIn[];
  let answer: ApiResult<unknown>;
  let sessionAnswer: ApiResult<unknown>;
  let load: jest.Mock<() => Promise<null>>;

  beforeEach(() => {
    signIns = [];
    answer = { ok: true, data: {} };
    sessionAnswer = { ok: false, failure: { kind: 'unreachable' } };
    load = jest.fn(async () => null);
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl: appTranslation('nl') },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
        }),
      ],
      providers: [
        provideRouter([]),
        {
          provide: FamilyConferenceApi,
          useValue: {
            signIn: (body: ConferenceSignIn) => {
              signIns.push(body);
              return of(answer);
            },
            session: () => of(sessionAnswer),
          },
        },
        { provide: AuthStore, useValue: { load } },
      ],
    });
  });

  afterEach(() => history.replaceState(null, '', '/'));

  async function render() {
    const fixture = TestBed.createComponent(CircleSignInPageComponent);
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  const settle = async (fixture: { whenStable(): Promise<unknown> }) => {
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
  };

  it('signs in with the token, the code and the consent given in the form', async () => {
    history.replaceState(null, '', `/beraad#${TOKEN}`);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, root } = await render();
    expect(location.hash).toBe('');
    expect(q(root, 'fc-sign-in')).not.toBeNull();
    const code = q(root, 'fc-code') as HTMLInputElement;
    expect(code.id).toBe('fc-code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    code.value = '8765-4321';
    code.dispatchEvent(new Event('input'));
    const consent = q(root, 'fc-consent') as HTMLInputElement;
    expect(root.querySelector('label[for="fc-consent"]')?.textContent).toContain('Ik doe mee');
    consent.click();
    q(root, 'fc-sign-in-submit')?.click();
    await settle(fixture);
    expect(signIns).toEqual([{ token: TOKEN, code: '87654321', consent: true }]);
    expect(load).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith('/beraad/overleg');
  });

  it('shows its own text when the code was tried too often', async () => {
    history.replaceState(null, '', `/beraad#${TOKEN}`);
    answer = {
      ok: false,
      failure: { kind: 'error', code: 'RATE_LIMITED', status: 429, requestId: 'r' },
    };
    const { fixture, root } = await render();
    const code = q(root, 'fc-code') as HTMLInputElement;
    code.value = '87654321';
    code.dispatchEvent(new Event('input'));
    q(root, 'fc-sign-in-submit')?.click();
    await settle(fixture);
    expect(q(root, 'fc-sign-in-error')?.textContent).toContain('te vaak een foute code');
    expect(load).not.toHaveBeenCalled();
  });

  it('goes straight to the conference after a reload with a session, else explains the link', async () => {
    history.replaceState(null, '', '/beraad');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, root } = await render();
    await settle(fixture);
    expect(navigate).not.toHaveBeenCalled();
    expect(q(root, 'fc-no-token')?.textContent).toContain('Open de link die u kreeg');
    sessionAnswer = { ok: true, data: {} };
    TestBed.createComponent(CircleSignInPageComponent);
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith('/beraad/overleg');
  });
});
