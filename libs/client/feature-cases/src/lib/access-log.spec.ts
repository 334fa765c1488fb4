import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessLogKey } from './household-page.component';

type Tree = { [key: string]: string | Tree };
function load(lang: string): Tree {
  return JSON.parse(
    readFileSync(join(__dirname, `../../../../../apps/client/public/i18n/${lang}.json`), 'utf8'),
  ) as Tree;
}
/** Transloco's lookup of a flattened key: `accessLog.actions.case.read` → accessLog › actions › "case.read". */
function lookup(tree: Tree, key: string): string | undefined {
  const [group, sub, ...rest] = key.split('.');
  const value = (tree[group] as Tree | undefined)?.[sub] as Tree | undefined;
  const found = value?.[rest.join('.')];
  return typeof found === 'string' ? found : undefined;
}

// What the api records for a household (apps/api/src/modules/case-file, audit codes).
const RECORDED = {
  actions: [
    'household.read',
    'case.read',
    'preparation.comment',
    'zrm.create',
    'access-log.export',
  ],
  objects: ['household', 'case', 'zrm-assessment', 'meldcode-record', 'access-log'],
  roles: ['member', 'chair', 'team-leader', 'org-admin'],
  purposes: ['casusregie', 'inzageverzoek'],
  outcomes: ['allowed', 'denied', 'failed'],
} as const;

describe('access log (AVG art. 15) labels', () => {
  it('translates the recorded codes in Dutch and English instead of showing them raw', () => {
    for (const lang of ['nl', 'en']) {
      const tree = load(lang);
      for (const [group, codes] of Object.entries(RECORDED)) {
        for (const code of codes) {
          const key = accessLogKey(group as keyof typeof RECORDED, code);
          expect([lang, code, key && lookup(tree, key)]).toEqual([lang, code, expect.any(String)]);
        }
      }
    }
    expect(lookup(load('nl'), 'accessLog.actions.household.read')).toBe('Huishouden bekeken');
    expect(lookup(load('nl'), 'accessLog.roles.chair')).toBe('Voorzitter');
  });

  it('shows an unknown code as recorded (no missing translation key)', () => {
    expect(accessLogKey('actions', 'something.new')).toBeNull();
    expect(accessLogKey('roles', null)).toBeNull();
  });
});
