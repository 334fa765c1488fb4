import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TRANSLATION_FILES } from '@casustafel/client/data-access';

/*
 * Every feature's texts live in a translation file of their own (issue 16 §1). A page that uses
 * a key of another feature's file shows the bare key unless its route provides that file too —
 * this test reads each feature library's sources and routes and fails on such a gap.
 */
const root = join(__dirname, '../../../..');
const i18n = join(root, 'apps/client/public/i18n');
const globalKeys = new Set(Object.keys(JSON.parse(readFileSync(join(i18n, 'nl.json'), 'utf8'))));
const fileOfKey = new Map<string, string>(
  Object.entries(TRANSLATION_FILES).flatMap(([file, keys]) =>
    keys.map((key): [string, string] => [key, file]),
  ),
);
/** Scopes with a folder of their own whose keys start with the scope's name (`plan.title`). */
const ownScopes = new Set(
  readdirSync(i18n).filter(
    (name) => statSync(join(i18n, name)).isDirectory() && !(name in TRANSLATION_FILES),
  ),
);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    // Route titles are translated by the title strategy, which loads their file itself.
    return /\.(ts|html)$/.test(name) && !/\.(spec|routes)\.ts$/.test(name) ? [path] : [];
  });
}

/** The translation files a library's texts need (`cases`, `meetings`, `scope:plan` …). */
function needed(lib: string): Set<string> {
  const files = new Set<string>();
  for (const path of sources(join(root, 'libs/client', lib, 'src'))) {
    // A whole key in quotes ('plan.title', 'meetings.kinds.' + kind) or a template (`zrm.${d}`);
    // not a component's own `this.t('…')`, which reads inside its scope.
    const keys = readFileSync(path, 'utf8').matchAll(
      /(?<!\bt\()['"`]([a-zA-Z]+)\.[\w.-]*(?:['"`]|\$\{)/g,
    );
    for (const [, key] of keys) {
      if (key === undefined || globalKeys.has(key)) continue;
      const file = fileOfKey.get(key);
      if (file) files.add(file);
      else if (ownScopes.has(key)) files.add(`scope:${key}`);
    }
  }
  return files;
}

/** What a block of route definitions provides. */
function providedIn(text: string): string[] {
  const out: string[] = [];
  for (const [, args] of text.matchAll(/provideTranslationFile\(([^)]*)\)/g))
    for (const [, file] of (args ?? '').matchAll(/'([\w-]+)'/g)) if (file) out.push(file);
  for (const [, scope] of text.matchAll(/provideTranslocoScope\(\s*'([\w-]+)'/g))
    if (scope) out.push(`scope:${scope}`);
  return out;
}

/** Files provided by a library's own routes and by the app's routes that load it. */
function provided(lib: string): Set<string> {
  const files = new Set<string>();
  const libDir = join(root, 'libs/client', lib, 'src/lib');
  for (const name of existsSync(libDir) ? readdirSync(libDir) : [])
    if (name.endsWith('.routes.ts'))
      providedIn(readFileSync(join(libDir, name), 'utf8')).forEach((f) => files.add(f));
  const app = readFileSync(join(root, 'apps/client/src/app/app.routes.ts'), 'utf8');
  for (const block of app.split(/\n {2}\{\n/))
    if (block.includes(`@casustafel/client/${lib}'`))
      providedIn(block).forEach((f) => files.add(f));
  return files;
}

const features = readdirSync(join(root, 'libs/client')).filter((name) =>
  name.startsWith('feature-'),
);

describe('translation files per route', () => {
  it.each(features)('%s: its routes provide every translation file its pages use', (lib) => {
    const have = provided(lib);
    expect([...needed(lib)].filter((file) => !have.has(file)).sort()).toEqual([]);
  });

  it('finds the gap it is there for', () => {
    // The plan shows decision types from the meetings file: without it, bare keys.
    expect(needed('feature-plan').has('meetings')).toBe(true);
    expect(providedIn("providers: [provideTranslocoScope('plan')]")).toEqual(['scope:plan']);
  });
});
