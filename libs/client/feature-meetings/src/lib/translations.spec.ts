import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEETING_STATUSES, PRESENCE_MODES } from '@casustafel/contracts';
import { AGENDA_ITEM_KINDS, AGENDA_ITEM_STATUSES, DISCUSSION_PHASES } from '@casustafel/domain';
import { WEEKDAYS } from '@casustafel/client/data-access';

type Tree = { [key: string]: string | Tree };
const load = (lang: string) =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../../apps/client/public/i18n', `${lang}.json`), 'utf8'),
  ) as Tree;

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );
}

const langs = { nl: load('nl'), en: load('en') };

describe('meeting translations', () => {
  it('nl and en have the same meeting keys, none empty', () => {
    const nl = flatten(langs.nl['meetings'] as Tree).sort();
    const en = flatten(langs.en['meetings'] as Tree).sort();
    expect(en).toEqual(nl);
    expect(nl.length).toBeGreaterThan(100);
  });

  it.each(['nl', 'en'] as const)(
    '%s names every kind, phase, status, weekday and presence',
    (lang) => {
      const keys = new Set(flatten(langs[lang]['meetings'] as Tree));
      const needed = [
        ...AGENDA_ITEM_KINDS.map((k) => `kinds.${k}`),
        ...DISCUSSION_PHASES.map((p) => `phases.${p}`),
        ...MEETING_STATUSES.map((s) => `statuses.${s}`),
        ...AGENDA_ITEM_STATUSES.map((s) => `statuses.item.${s}`),
        ...WEEKDAYS.map((d) => `weekdays.${d}`),
        ...PRESENCE_MODES.map((m) => `presence.${m}`),
      ];
      expect(needed.filter((k) => !keys.has(k))).toEqual([]);
      expect((langs[lang]['team'] as Tree)['meetings']).toBeTruthy();
    },
  );
});
