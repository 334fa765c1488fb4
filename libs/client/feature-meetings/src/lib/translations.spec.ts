import { describe, expect, it } from '@jest/globals';
import { MEETING_STATUSES, PRESENCE_MODES } from '@casustafel/contracts';
import {
  ACTION_STATUSES,
  AGENDA_ITEM_KINDS,
  AGENDA_ITEM_STATUSES,
  DECISION_TYPE_LABELS,
  DECISION_TYPES,
  DISCUSSION_PHASES,
  LIVE_ROLES,
  MINUTES_STATUSES,
} from '@casustafel/domain';
import { WEEKDAYS } from '@casustafel/client/data-access';
import { appTranslation, type TranslationTree } from '@casustafel/client/data-access/testing';

type Tree = TranslationTree;
/** The meetings file's scopes merged in (the app once the scopes are loaded). */
const load = (lang: string): Tree => appTranslation(lang);

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
        ...DECISION_TYPES.map((t) => `records.types.${t}`),
        ...ACTION_STATUSES.map((s) => `records.statuses.${s}`),
        ...MINUTES_STATUSES.map((s) => `minutes.status.${s}`),
        ...LIVE_ROLES.map((r) => `minutes.roles.${r}`),
        ...['connecting', 'synced', 'offline'].map((s) => `notes.status.${s}`),
      ];
      expect(needed.filter((k) => !keys.has(k))).toEqual([]);
      expect((langs[lang]['team'] as Tree)['meetings']).toBeTruthy();
    },
  );

  it('names the decision types in Dutch as the domain does (the minutes and the PDF use those)', () => {
    const records = (langs.nl['meetings'] as Tree)['records'] as Tree;
    expect(records['types']).toEqual(DECISION_TYPE_LABELS);
  });
});
