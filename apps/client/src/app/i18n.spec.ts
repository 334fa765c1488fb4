import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@casustafel/contracts';
import { CONNECTION_STATES, SUPPORTED_LANGS } from '@casustafel/client/data-access';

type Tree = { [key: string]: string | Tree };

function load(lang: string): Tree {
  return JSON.parse(
    readFileSync(join(__dirname, '../../public/i18n', `${lang}.json`), 'utf8'),
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

const files = Object.fromEntries(SUPPORTED_LANGS.map((lang) => [lang, flatten(load(lang))]));

describe('translation files', () => {
  it.each(SUPPORTED_LANGS)('%s translates every api error code', (lang) => {
    for (const code of ERROR_CODES) {
      expect(files[lang].get(`errors.${code}`)?.trim()).toBeTruthy();
    }
  });

  it.each(SUPPORTED_LANGS)('%s translates every connection state', (lang) => {
    for (const state of CONNECTION_STATES) {
      expect(files[lang].get(`connection.${state}`)?.trim()).toBeTruthy();
    }
  });

  it('nl and en have exactly the same keys', () => {
    expect([...files['en'].keys()].sort()).toEqual([...files['nl'].keys()].sort());
  });

  it('has no empty texts', () => {
    for (const lang of SUPPORTED_LANGS) {
      const empty = [...files[lang]].filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty).toEqual([]);
    }
  });

  it('uses the Dutch connection texts of the design', () => {
    expect(files['nl'].get('connection.connected')).toBe('Verbonden');
    expect(files['nl'].get('connection.connecting')).toBe('Verbinden…');
    expect(files['nl'].get('connection.reconnecting')).toBe('Opnieuw verbinden…');
    expect(files['nl'].get('connection.disconnected')).toBe('Geen verbinding');
  });
});
