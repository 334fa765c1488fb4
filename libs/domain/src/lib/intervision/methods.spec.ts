import { describe, expect, it } from '@jest/globals';
import {
  INTERVISION_METHODS,
  blindPhases,
  copyMethod,
  findMethod,
  listenOnlyPhases,
  reviseMethod,
  totalMinutes,
  validateMethod,
} from './methods';
import type { IntervisionMethod } from './methods';

function method(id: string): IntervisionMethod {
  const found = findMethod(id);
  if (!found) throw new Error(`no method ${id}`);
  return found;
}

describe('shipped intervision methods', () => {
  it('are the five verified methods plus the timed incidentmethode, each valid, versioned and sourced', () => {
    expect(INTERVISION_METHODS.map((m) => m.id)).toEqual([
      'incidentmethode',
      'incidentmethode-getimed',
      'roddelmethode',
      'balint',
      'tienstappenmethode',
      'vijfstappenmethode',
    ]);
    for (const m of INTERVISION_METHODS) {
      expect(validateMethod(m)).toEqual({ ok: true, method: m });
      expect(m.version).toBe(1);
      expect(m.derivedFrom).toBeNull();
      expect(m.sources.length).toBeGreaterThan(0);
      expect(m.roles).toEqual(
        expect.arrayContaining(['inbrenger', 'gespreksleider', 'timekeeper', 'deelnemer']),
      );
    }
  });

  it('have the number of steps of their sources', () => {
    expect(method('incidentmethode').phases).toHaveLength(10);
    expect(method('roddelmethode').phases).toHaveLength(5);
    expect(method('balint').phases).toHaveLength(11);
    expect(method('tienstappenmethode').phases).toHaveLength(10);
    expect(method('vijfstappenmethode').phases).toHaveLength(5);
  });

  it('the timed incidentmethode: 65 minutes from the source; the inbrenger leaves, then listens', () => {
    const timed = method('incidentmethode-getimed');
    expect(timed.phases.map((p) => p.minutes)).toEqual([5, 10, 5, 15, 10, 10, 10]);
    expect(totalMinutes(timed)).toBe(65);
    expect(timed.phases.every((p) => p.minutesFromSource)).toBe(true);
    const advice = timed.phases.find((p) => p.key === 'subgroepen-advies');
    expect(advice).toMatchObject({ inbrenger: 'absent', blind: true, contribution: 'advice' });
    expect(timed.phases.find((p) => p.key === 'adviesronde')?.inbrenger).toBe('listens');
    expect(timed.phases.find((p) => p.key === 'vragenronde')?.inbrengerRatesQuestions).toBe(true);
  });

  it('blind written rounds and listen-only phases where the sources put them', () => {
    expect(blindPhases(method('incidentmethode')).map((p) => p.key)).toEqual([
      'vragen-noteren',
      'standpunt-schriftelijk',
    ]);
    expect(blindPhases(method('balint')).map((p) => p.contribution)).toEqual([
      'association',
      'advice',
    ]);
    expect(method('balint').participants.min).toBe(5);
    expect(listenOnlyPhases(method('balint')).map((p) => p.key)).toContain('groepsoordeel');
    const gossip = method('roddelmethode').phases.find((p) => p.key === 'roddelronde');
    expect(gossip).toMatchObject({ inbrenger: 'absent', minutes: 15 });
    // the vijfstappenmethode's advice round: the inbrenger reacts
    expect(
      method('vijfstappenmethode').phases.find((p) => p.key === 'adviesronde')?.inbrenger,
    ).toBe('speaks');
    expect(
      method('tienstappenmethode').phases.find((p) => p.key === 'vragen-waarderen')
        ?.inbrengerRatesQuestions,
    ).toBe(true);
  });

  it('findMethod takes an optional version', () => {
    expect(findMethod('balint', 1)?.name).toBe('Balint-methode');
    expect(findMethod('balint', 2)).toBeUndefined();
    expect(findMethod('u-procedure')).toBeUndefined();
  });
});

describe('validateMethod', () => {
  const base = method('vijfstappenmethode');

  it('refuses a blind round without a contribution kind', () => {
    const phases = base.phases.map((p, i) =>
      i === 0 ? { ...p, blind: true, contribution: null } : p,
    );
    const result = validateMethod({ ...base, phases });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        { path: 'phases.0.contribution', message: expect.any(String) },
      ]);
  });

  it('refuses rating by an absent inbrenger, and rating of anything but questions', () => {
    const absent = base.phases.map((p, i) =>
      i === 1 ? { ...p, inbrenger: 'absent' as const } : p,
    );
    expect(validateMethod({ ...base, phases: absent }).ok).toBe(false);
    const advice = base.phases.map((p, i) =>
      i === 3 ? { ...p, inbrengerRatesQuestions: true } : p,
    );
    expect(validateMethod({ ...base, phases: advice }).ok).toBe(false);
  });

  it('refuses duplicate phase keys, missing roles, odd time boxes and unknown fields', () => {
    const duplicate = [...base.phases, base.phases[0]];
    expect(validateMethod({ ...base, phases: duplicate }).ok).toBe(false);
    expect(validateMethod({ ...base, roles: ['inbrenger', 'deelnemer'] }).ok).toBe(false);
    const zero = base.phases.map((p, i) => (i === 0 ? { ...p, minutes: 0 } : p));
    expect(validateMethod({ ...base, phases: zero }).ok).toBe(false);
    const long = base.phases.map((p) => ({ ...p, minutes: 200 }));
    expect(validateMethod({ ...base, phases: long }).ok).toBe(false);
    expect(validateMethod({ ...base, secret: 1 }).ok).toBe(false);
    expect(validateMethod({ ...base, participants: { min: 6, max: 4 } }).ok).toBe(false);
    expect(validateMethod(null).ok).toBe(false);
    expect(
      validateMethod({ ...base, sources: [{ title: 'x', url: 'javascript-geen-url' }] }).ok,
    ).toBe(false);
  });
});

describe("a trainer's copy and adaptation", () => {
  const original = method('incidentmethode-getimed');

  it('copy: new id, version 1, derived from the original, the original untouched', () => {
    const before = structuredClone(original);
    const phases = original.phases.map((p) =>
      p.key === 'vragenronde' ? { ...p, minutes: 20 } : p,
    );
    const result = copyMethod(original, 'incidentmethode-team-noord', { phases });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.method).toMatchObject({
      id: 'incidentmethode-team-noord',
      version: 1,
      name: 'Incidentmethode (getimede oefenvariant) (eigen versie)',
      derivedFrom: { id: 'incidentmethode-getimed', version: 1 },
      sources: original.sources,
    });
    expect(totalMinutes(result.method)).toBe(70);
    expect(original).toEqual(before);
    const copiedPhase = result.method.phases[0];
    if (copiedPhase) copiedPhase.title = 'veranderd';
    expect(original.phases[0]?.title).not.toBe('veranderd');
  });

  it('a copy cannot keep the id of its original, and an adapted copy is validated', () => {
    expect(copyMethod(original, original.id).ok).toBe(false);
    expect(copyMethod(original, 'Geen Slug!').ok).toBe(false);
    expect(copyMethod(original, 'leeg', { phases: [] }).ok).toBe(false);
  });

  it('revise: next version of the same lineage', () => {
    const copy = copyMethod(original, 'mijn-incident');
    if (!copy.ok) throw new Error('copy failed');
    const revised = reviseMethod(copy.method, { name: 'Mijn incidentmethode' });
    expect(revised).toMatchObject({
      ok: true,
      method: {
        id: 'mijn-incident',
        version: 2,
        name: 'Mijn incidentmethode',
        derivedFrom: { id: 'incidentmethode-getimed', version: 1 },
      },
    });
  });
});
