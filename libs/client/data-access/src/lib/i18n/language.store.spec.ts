import { describe, expect, it, beforeEach } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { LANG_STORAGE_KEY } from './language';
import { LanguageStore } from './language.store';

function setUp(): { store: LanguageStore; transloco: TranslocoService } {
  TestBed.configureTestingModule({
    imports: [
      TranslocoTestingModule.forRoot({
        langs: { nl: { hello: 'hallo' }, en: { hello: 'hello' } },
        translocoConfig: { availableLangs: ['nl', 'en'], defaultLang: 'nl' },
      }),
    ],
  });
  return { store: TestBed.inject(LanguageStore), transloco: TestBed.inject(TranslocoService) };
}

describe('LanguageStore', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  it('starts in Dutch without a stored preference', async () => {
    const { store, transloco } = setUp();
    await store.init();
    expect(store.lang()).toBe('nl');
    expect(transloco.getActiveLang()).toBe('nl');
    expect(document.documentElement.lang).toBe('nl');
  });

  it('switches the active language, persists the choice and sets <html lang>', () => {
    const { store, transloco } = setUp();
    store.use('en');
    expect(store.lang()).toBe('en');
    expect(transloco.getActiveLang()).toBe('en');
    expect(transloco.translate('hello')).toBe('hello');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('applies a stored preference at start and ignores an unknown one', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    const first = setUp();
    await first.store.init();
    expect(first.transloco.getActiveLang()).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    TestBed.resetTestingModule();
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    const second = setUp();
    await second.store.init();
    expect(second.store.lang()).toBe('nl');
  });
});
