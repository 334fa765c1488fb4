import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFUSAL_CODES } from '@casustafel/contracts';
import { I18N_DIR } from '../../testing';
import { REFUSALS_SCOPE, refusalKeyOf, refusalMessageKey } from './refusals';

describe('refusal reasons', () => {
  it('map every refusal code to refusals.<code>, and nothing else', () => {
    for (const code of REFUSAL_CODES) {
      expect(refusalMessageKey(code)).toBe(`refusals.${code}`);
      expect(refusalKeyOf(code)).toBe(`refusals.${code}`);
    }
    expect(refusalKeyOf('too_big')).toBeNull();
    expect(refusalKeyOf('Vul dit in')).toBeNull();
  });

  it.each(['nl', 'en'])('%s holds exactly one text per refusal code', (lang) => {
    const file = join(I18N_DIR, REFUSALS_SCOPE, `${lang}.json`);
    const texts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(texts).sort()).toEqual([...REFUSAL_CODES].sort());
    for (const code of REFUSAL_CODES) {
      const text = texts[code];
      expect(typeof text === 'string' && text.trim().length > 0).toBe(true);
    }
  });
});
