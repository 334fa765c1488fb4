import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISCIPLINES, ERROR_CODES, TEAM_ROLES, TEAM_TYPES } from '@casustafel/contracts';
import { AUDIT_ACTIONS, CONNECTION_STATES, SUPPORTED_LANGS } from '@casustafel/client/data-access';

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

  it.each(SUPPORTED_LANGS)(
    '%s names every audit action, team role, team type and discipline',
    (lang) => {
      const missing = [
        ...AUDIT_ACTIONS.map((a) => `audit.actions.${a}`),
        ...TEAM_ROLES.map((r) => `teamRoles.${r}`),
        ...TEAM_TYPES.map((t) => `teamTypes.${t}`),
        ...DISCIPLINES.map((d) => `disciplines.${d}`),
      ].filter((key) => !files[lang].get(key)?.trim());
      expect(missing).toEqual([]);
    },
  );

  it('uses the Dutch texts of the design for roles and security messages', () => {
    expect(files['nl'].get('teamRoles.chair')).toBe('Voorzitter');
    expect(files['nl'].get('teamRoles.team_leader')).toBe('Teamleider');
    expect(files['nl'].get('login.expired')).toBe('Je sessie is verlopen. Log opnieuw in.');
    expect(files['nl'].get('idle.stay')).toBe('Blijf ingelogd');
    expect(files['nl'].get('enrol.saved')).toBe('Ik heb de herstelcodes veilig bewaard');
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
