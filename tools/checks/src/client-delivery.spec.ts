import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';

/**
 * The two tools that keep the sign-in page small (issue 16 §1): the translation split
 * (tools/scripts/i18n-scopes.mjs) and the initial-bundle check
 * (tools/scripts/initial-bundle-check.mjs), each run as the lead and the build run them.
 */
const root = path.resolve(__dirname, '../../..');
const I18N = path.join(root, 'apps/client/public/i18n');
const temps: string[] = [];

function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cst-delivery-'));
  temps.push(dir);
  return dir;
}

function run(script: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', path.join(root, script), ...args],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

type Tree = { [key: string]: string | Tree };
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Tree;

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('i18n-scopes', () => {
  it('the committed translations are its result (a run would change nothing)', () => {
    const result = run('tools/scripts/i18n-scopes.mjs', '--check');
    expect(result.out).toContain('nothing to move');
    expect(result.status).toBe(0);
  });

  it('moves keys another branch added to a global subtree into the scope file, once', () => {
    const dir = temp();
    cpSync(I18N, dir, { recursive: true });
    for (const lang of ['nl', 'en']) {
      const global = readJson(path.join(dir, `${lang}.json`));
      // As after merging a branch that still wrote into the global "meetings" and "household".
      global['meetings'] = { list: { title: `nieuw ${lang}` }, brandNew: { text: lang } };
      global['household'] = { erasure: { extra: `extra ${lang}` } };
      writeFileSync(path.join(dir, `${lang}.json`), JSON.stringify(global, null, 2));
    }
    const first = run('tools/scripts/i18n-scopes.mjs', '--dir', dir);
    expect(first.status).toBe(0);
    expect(first.out).toContain('changed');
    for (const lang of ['nl', 'en']) {
      const global = readJson(path.join(dir, `${lang}.json`));
      expect(global['meetings']).toBeUndefined();
      expect(global['household']).toBeUndefined();
      expect(global['errors']).toBeDefined();
      const meetings = readJson(path.join(dir, 'meetings', `${lang}.json`));
      const before = readJson(path.join(I18N, 'meetings', `${lang}.json`));
      // Merged: the new keys and texts are in, everything that was there stays.
      expect((meetings['meetings'] as Tree)['brandNew']).toEqual({ text: lang });
      expect(((meetings['meetings'] as Tree)['list'] as Tree)['title']).toBe(`nieuw ${lang}`);
      expect(Object.keys(meetings['meetings'] as Tree).length).toBe(
        Object.keys(before['meetings'] as Tree).length + 1,
      );
      const cases = readJson(path.join(dir, 'cases', `${lang}.json`));
      expect(((cases['household'] as Tree)['erasure'] as Tree)['extra']).toBe(`extra ${lang}`);
      expect(((cases['household'] as Tree)['erasure'] as Tree)['heading']).toBeTruthy();
    }
    const second = run('tools/scripts/i18n-scopes.mjs', '--dir', dir);
    expect(second.out).toContain('nothing to move');
  });
});

describe('initial-bundle-check', () => {
  function build(files: Record<string, string>): string {
    const dir = temp();
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const index =
    '<link rel="modulepreload" href="chunk-a.js"><script src="main-x.js" type="module"></script>';

  it('passes a build whose initial scripts carry neither zod nor @angular/forms', () => {
    const dir = build({
      'index.html': index,
      'main-x.js': 'import{a}from"./chunk-a.js";import("./chunk-lazy.js");',
      'chunk-a.js': 'import"./chunk-b.js";export const a=1;',
      'chunk-b.js': 'export const b=2;',
      // Lazy: zod may live here.
      'chunk-lazy.js': 'var Fc=p(`$ZodObject`,(e,t)=>{});',
    });
    const result = run('tools/scripts/initial-bundle-check.mjs', dir);
    expect(result.out).toContain('3 initial scripts');
    expect(result.status).toBe(0);
  });

  it('fails when zod or @angular/forms is reached through a static import', () => {
    const dir = build({
      'index.html': index,
      'main-x.js': 'import{a}from"./chunk-a.js";',
      'chunk-a.js': 'import"./chunk-z.js";import{f}from"./chunk-f.js";export const a=1;',
      'chunk-z.js': 'var dr=p(`ZodObject`,(e,t)=>{});',
      'chunk-f.js': 'const s=`ngNoForm`;export const f=1;',
    });
    const result = run('tools/scripts/initial-bundle-check.mjs', dir);
    expect(result.status).toBe(1);
    expect(result.out).toContain('zod is in the initial script chunk-z.js');
    expect(result.out).toContain('@angular/forms is in the initial script chunk-f.js');
  });
});
