import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISCIPLINES, ERROR_CODES, TEAM_ROLES, TEAM_TYPES } from '@casustafel/contracts';
import {
  AUDIT_ACTIONS,
  CONNECTION_STATES,
  SUPPORTED_LANGS,
  TRANSLATION_FILES,
} from '@casustafel/client/data-access';
import { appTranslation, I18N_DIR } from '@casustafel/client/data-access/testing';

type Tree = { [key: string]: string | Tree };

const I18N = join(__dirname, '../../public/i18n');

/** The global file of a language (what every page loads, the sign-in page only this). */
function load(lang: string): Tree {
  return JSON.parse(readFileSync(join(I18N, `${lang}.json`), 'utf8')) as Tree;
}

function loadFile(file: string, lang: string): Tree {
  return JSON.parse(readFileSync(join(I18N, file, `${lang}.json`), 'utf8')) as Tree;
}

/** Scope folders of their own (features that follow the house rule with one scope each). */
const ownScopes = readdirSync(I18N, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !(d.name in TRANSLATION_FILES))
  .map((d) => d.name);

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [nested, text] of flatten(value, path)) keys.set(nested, text);
  }
  return keys;
}

/** The global files. */
const files = Object.fromEntries(SUPPORTED_LANGS.map((lang) => [lang, flatten(load(lang))]));
/** Everything the app can show (global file plus every scope), per language. */
const app = Object.fromEntries(
  SUPPORTED_LANGS.map((lang) => [lang, flatten(appTranslation(lang) as Tree)]),
);

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
        ...TEAM_ROLES.map((r) => `teamRoles.${r}`),
        ...TEAM_TYPES.map((t) => `teamTypes.${t}`),
        ...DISCIPLINES.map((d) => `disciplines.${d}`),
      ].filter((key) => !files[lang].get(key)?.trim());
      expect(missing).toEqual([]);
      // The audit actions' names are the audit page's (its translation file).
      const audit = flatten(loadFile('audit', lang));
      expect(AUDIT_ACTIONS.filter((a) => !audit.get(`audit.actions.${a}`)?.trim())).toEqual([]);
    },
  );

  it('uses the Dutch texts of the design for roles and security messages', () => {
    expect(files['nl'].get('teamRoles.chair')).toBe('Voorzitter');
    expect(files['nl'].get('teamRoles.team_leader')).toBe('Teamleider');
    expect(files['nl'].get('login.expired')).toBe('Je sessie is verlopen. Log opnieuw in.');
    expect(files['nl'].get('idle.stay')).toBe('Blijf ingelogd');
    expect(app['nl'].get('enrol.saved')).toBe('Ik heb de herstelcodes veilig bewaard');
  });

  it('nl and en have exactly the same keys, in the global file and in the whole app', () => {
    expect([...files['en'].keys()].sort()).toEqual([...files['nl'].keys()].sort());
    expect([...app['en'].keys()].sort()).toEqual([...app['nl'].keys()].sort());
  });

  it('has no empty texts', () => {
    for (const lang of SUPPORTED_LANGS) {
      const empty = [...app[lang]].filter(([, text]) => text.trim() === '').map(([key]) => key);
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

describe('translation scopes (one file per feature, issue 16 §1)', () => {
  const fileNames = Object.keys(TRANSLATION_FILES) as (keyof typeof TRANSLATION_FILES)[];

  it.each(fileNames)('%s: nl and en have exactly the same keys, none empty', (file) => {
    const nl = flatten(loadFile(file, 'nl'));
    const en = flatten(loadFile(file, 'en'));
    expect([...en.keys()].sort()).toEqual([...nl.keys()].sort());
    expect(nl.size).toBeGreaterThan(0);
    expect([...nl, ...en].filter(([, text]) => text.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it.each(fileNames)('%s holds exactly the subtrees of its table entry', (file) => {
    for (const lang of SUPPORTED_LANGS) {
      expect(Object.keys(loadFile(file, lang)).sort()).toEqual([...TRANSLATION_FILES[file]].sort());
    }
  });

  it('the global files keep none of the moved subtrees (run npm run i18n:scopes after a merge)', () => {
    const moved = new Set<string>(Object.values(TRANSLATION_FILES).flat());
    for (const lang of SUPPORTED_LANGS) {
      expect(Object.keys(load(lang)).filter((key) => moved.has(key))).toEqual([]);
    }
  });

  it('keeps what every page needs in the global file: errors, failures, connection, login', () => {
    for (const lang of SUPPORTED_LANGS) {
      const global = load(lang);
      for (const key of ['app', 'nav', 'errors', 'failures', 'connection', 'common', 'login'])
        expect(global[key]).toBeDefined();
    }
  });

  it('every own scope folder has nl and en with the same keys', () => {
    for (const scope of ownScopes) {
      const nl = flatten(loadFile(scope, 'nl'));
      const en = flatten(loadFile(scope, 'en'));
      expect([...en.keys()].sort()).toEqual([...nl.keys()].sort());
    }
    expect(I18N_DIR).toBe(I18N);
  });
});
