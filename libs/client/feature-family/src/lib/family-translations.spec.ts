import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { B1_FLESCH_DOUMA_MIN, dutchReadability } from '@casustafel/domain';
import { familyTokenFromHash, normaliseFamilyCode } from './family-sign-in-page.component';

type Tree = { [key: string]: string | Tree };

function load(lang: string): Tree {
  return JSON.parse(
    readFileSync(
      join(__dirname, '../../../../../apps/client/public/i18n/family', `${lang}.json`),
      'utf8',
    ),
  ) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [nested, text] of flatten(value, path)) keys.set(nested, text);
  }
  return keys;
}

describe('the family pages’ texts', () => {
  const nl = flatten(load('nl'));
  const en = flatten(load('en'));

  it('has every key in Dutch and English', () => {
    expect([...en.keys()].sort()).toEqual([...nl.keys()].sort());
    for (const [key, text] of [...nl, ...en])
      expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('reads at B1 in Dutch (Flesch-Douma ≥ 60)', () => {
    const score = dutchReadability([...nl.values()].join('\n'));
    expect(score.fleschDouma).toBeGreaterThanOrEqual(B1_FLESCH_DOUMA_MIN);
  });
});

describe('the family sign-in', () => {
  it('takes the token from the fragment only when it is one', () => {
    expect(familyTokenFromHash(`#${'a'.repeat(43)}`)).toBe('a'.repeat(43));
    expect(familyTokenFromHash('#kort')).toBeNull();
  });
  it('accepts eight digits, typed with spaces or dashes', () => {
    expect(normaliseFamilyCode('1234 5678')).toBe('12345678');
    expect(normaliseFamilyCode('1234-567')).toBeNull();
  });
});
