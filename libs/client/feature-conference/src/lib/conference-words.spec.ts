import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONFERENCE_CONTRIBUTION_TYPES,
  CONFERENCE_PHASES,
  CONFERENCE_ROLES,
  PLAN_ENTRY_KINDS,
  planIssues,
} from '@casustafel/domain';
import { fromLocalInput, localDate, localDateTime } from './conference-format';
import { KNOWN_ISSUES } from './refusal.component';

type Tree = { [key: string]: string | Tree };
const load = (lang: string) =>
  JSON.parse(
    readFileSync(
      join(__dirname, `../../../../../apps/client/public/i18n/conference/${lang}.json`),
      'utf8',
    ),
  ) as Tree;
const at = (tree: Tree, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);

describe('the conference’s words', () => {
  it.each(['nl', 'en'])(
    '%s names every phase, role, contribution type, plan kind and refusal',
    (lang) => {
      const words = load(lang);
      const keys = [
        ...CONFERENCE_PHASES.flatMap((p) => [`phases.${p}`, `phaseHelp.${p}`, `advance.${p}`]),
        ...[...CONFERENCE_ROLES, 'team'].map((r) => `roles.${r}`),
        ...CONFERENCE_CONTRIBUTION_TYPES.flatMap((t) => [`types.${t}`, `write.${t}`]),
        ...PLAN_ENTRY_KINDS.map((k) => `plan.kinds.${k}`),
        ...[...KNOWN_ISSUES].map((i) => `issues.${i}`),
        ...['voorbereiding', 'bezig', 'afgerond'].map((s) => `status.${s}`),
        ...['niet-uitgenodigd', 'uitgenodigd', 'aangemeld', 'verlopen', 'ingetrokken'].map(
          (s) => `invitation.${s}`,
        ),
      ];
      expect(keys.filter((k) => typeof at(words, k) !== 'string')).toEqual([]);
    },
  );

  it('has the same keys in Dutch and English', () => {
    const keys = (tree: Tree, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
      );
    expect(keys(load('en')).sort()).toEqual(keys(load('nl')).sort());
  });

  it('has words for everything an empty plan still lacks', () => {
    const empty = {
      entries: [{ who: '', what: '', when: '', kind: 'familie' as const }],
      familyLead: '',
      monitor: '',
      evaluationOn: null,
      ifDifferent: '',
    };
    const issues = planIssues(empty, '2026-03-02').map((i) => i.issue);
    expect(issues.filter((i) => !KNOWN_ISSUES.has(i))).toEqual([]);
    expect(KNOWN_ISSUES.has('bottom-line-not-met')).toBe(true);
  });

  it('shows the date and time in Amsterdam time, and reads the form’s local time back', () => {
    expect(localDateTime('2026-03-20T17:30:00Z')).toBe('20 maart 2026 om 18:30');
    expect(localDateTime(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('nonsense')).toBeNull();
    // Typed as Amsterdam time, whatever the browser's zone: winter +1, summer +2.
    expect(fromLocalInput('2026-03-20T18:30')).toBe('2026-03-20T17:30:00.000Z');
    expect(fromLocalInput('2026-07-01T18:30')).toBe('2026-07-01T16:30:00.000Z');
    expect(localDateTime(fromLocalInput('2027-02-04T19:30'))).toBe('4 februari 2027 om 19:30');
  });
});

describe('localDate', () => {
  it('writes a date and an instant as a Dutch date in Amsterdam time', () => {
    expect(localDate('2027-01-04')).toBe('4 januari 2027');
    // 23:30 UTC on 31 December is already 1 January in Amsterdam.
    expect(localDate('2026-12-31T23:30:00.000Z')).toBe('1 januari 2027');
    expect(localDate(null)).toBe('—');
  });
});
