import { describe, expect, it } from '@jest/globals';
import { DISCIPLINES, GUEST_ITEM_BASES, GUEST_STATUSES } from '@casustafel/contracts';
import { appTranslation, type TranslationTree } from '@casustafel/client/data-access/testing';

type Tree = TranslationTree;
/** The meetings file's scopes merged in (the app once the scopes are loaded). */
const load = (lang: string): Tree => appTranslation(lang);

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : flatten(value, `${prefix}${key}.`),
  );
}

const langs = { nl: load('nl'), en: load('en') };

describe('guest translations', () => {
  it('nl and en have the same guest keys, none empty, with the same placeholders', () => {
    const nl = flatten(langs.nl['guest'] as Tree);
    const en = new Map(flatten(langs.en['guest'] as Tree));
    expect([...en.keys()].sort()).toEqual(nl.map(([k]) => k).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
    for (const [key, text] of nl) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, p: placeholders(en.get(key) ?? '').sort() }).toEqual({
        key,
        p: placeholders(text).sort(),
      });
    }
    expect(nl.length).toBeGreaterThan(80);
  });

  it.each(['nl', 'en'] as const)(
    '%s names every status, basis, discipline and guest error',
    (lang) => {
      const keys = new Set(flatten(langs[lang]).map(([k]) => k));
      const needed = [
        ...GUEST_STATUSES.map((s) => `guest.invite.statuses.${s}`),
        ...GUEST_ITEM_BASES.map((b) => `guest.invite.bases.${b}`),
        ...DISCIPLINES.map((d) => `disciplines.${d}`),
        'errors.GUEST_ACCESS_INVALID',
        'errors.GUEST_ACCESS_ENDED',
        'errors.RATE_LIMITED',
      ];
      expect(needed.filter((k) => !keys.has(k))).toEqual([]);
    },
  );

  it('speaks to the guest in Dutch as the brief says', () => {
    const room = (langs.nl['guest'] as Tree)['room'] as Tree;
    expect(room['notice']).toBe(
      'U bent gast bij dit overleg en ziet alleen de agendapunten waarvoor u bent uitgenodigd.',
    );
    expect(room['otherItem']).toBe('Er wordt nu een ander agendapunt besproken.');
    expect(room['raiseHand']).toBe('Hand opsteken');
    expect(room['lowerHand']).toBe('Hand laten zakken');
  });
});
