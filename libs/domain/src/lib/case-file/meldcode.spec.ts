import { describe, expect, it } from '@jest/globals';
import {
  AFWEGINGSKADER,
  allowedOutcomes,
  applyStep,
  isSafetyMarkerActive,
  MELDCODE_STEP_DEFINITIONS,
  newMeldcodeRecord,
  nextAllowedSteps,
  type AfwegingAnswers,
  type MeldcodeRecord,
  type MeldcodeStepInput,
} from './meldcode';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3600_000);
const by = 'user-1';

const step1: MeldcodeStepInput = {
  step: 1,
  by,
  decision: 'Signalen vastgelegd',
  kindcheck: { kinderenAanwezig: true },
};
const step2: MeldcodeStepInput = {
  step: 2,
  by,
  decision: 'Besproken',
  consulted: ['aandachtsfunctionaris'],
};
const step3: MeldcodeStepInput = { step: 3, by, decision: 'Gesprek gevoerd', gesprekGevoerd: true };
const step4 = (afwegingen: AfwegingAnswers): MeldcodeStepInput => ({
  step: 4,
  by,
  decision: 'Gewogen',
  afwegingen,
});

function run(...inputs: MeldcodeStepInput[]): MeldcodeRecord {
  let record = newMeldcodeRecord();
  inputs.forEach((input, i) => {
    const result = applyStep(record, input, at(i));
    if (!result.ok) throw new Error(`step ${i}: ${result.error}`);
    record = result.record;
  });
  return record;
}

function error(record: MeldcodeRecord, input: MeldcodeStepInput, now = at(100)) {
  const result = applyStep(record, input, now);
  return result.ok ? 'ok' : result.error;
}

describe('Meldcode reference data', () => {
  it('has five steps and five afwegingen in order', () => {
    expect(MELDCODE_STEP_DEFINITIONS.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(MELDCODE_STEP_DEFINITIONS[0]?.description).toContain('kindcheck');
    expect(MELDCODE_STEP_DEFINITIONS[3]?.description).toContain('afwegingskader');
    expect(AFWEGINGSKADER.map((a) => a.number)).toEqual([1, 2, 3, 4, 5]);
    expect(
      AFWEGINGSKADER.every((a) => a.question.endsWith('.') && a.questionNl.endsWith('?')),
    ).toBe(true);
  });
});

describe('allowedOutcomes', () => {
  it.each<[AfwegingAnswers, string[]]>([
    [{}, []],
    [{ 1: false }, ['geen']],
    [{ 1: true }, []],
    [{ 1: true, 2: true }, ['melden', 'beide']],
    [{ 1: true, 2: true, 3: true, 4: true, 5: true }, ['melden', 'beide']],
    [{ 1: true, 2: false }, []],
    [{ 1: true, 2: false, 3: false }, ['melden']],
    [{ 1: true, 2: false, 3: true }, []],
    [{ 1: true, 2: false, 3: true, 4: false }, ['melden']],
    [{ 1: true, 2: false, 3: true, 4: true }, ['hulp-organiseren']],
    [{ 1: true, 2: false, 3: true, 4: true, 5: false }, ['melden', 'beide']],
    [{ 1: true, 2: false, 3: true, 4: true, 5: true }, ['hulp-organiseren']],
    // inconsistent: answers behind a decisive answer, or gaps
    [{ 1: false, 2: true }, []],
    [{ 1: true, 3: true }, []],
    [{ 1: true, 2: false, 3: false, 4: true }, []],
    [{ 1: true, 2: false, 3: true, 4: false, 5: true }, []],
  ])('%j → %j', (answers, expected) => {
    expect(allowedOutcomes(answers)).toEqual(expected);
  });
});

describe('applyStep', () => {
  it('walks the five steps in order, recording who, when and what, to a report', () => {
    const record = run(
      step1,
      {
        step: 2,
        by: 'user-2',
        decision: 'VT geraadpleegd',
        consulted: ['aandachtsfunctionaris', 'veilig-thuis'],
      },
      step3,
      step4({ 1: true, 2: true }),
      { step: 5, by, decision: 'Melding gedaan', outcome: 'melden', close: true },
    );
    expect(record.status).toBe('closed');
    expect(record.closedAt).toBe(at(4).toISOString());
    expect(record.entries.map((e) => [e.step, e.by, e.at])).toEqual([
      [1, by, at(0).toISOString()],
      [2, 'user-2', at(1).toISOString()],
      [3, by, at(2).toISOString()],
      [4, by, at(3).toISOString()],
      [5, by, at(4).toISOString()],
    ]);
    expect(record.kindcheck).toEqual({ kinderenAanwezig: true });
    expect(record.veiligThuisConsultation).toEqual({ at: at(1).toISOString(), by: 'user-2' });
    expect(record.outcome).toBe('melden');
  });

  it('does not change the input record', () => {
    const record = run(step1);
    const frozen = JSON.stringify(record);
    applyStep(record, step2, at(5));
    expect(JSON.stringify(record)).toBe(frozen);
  });

  it('keeps the steps in order but allows recording the current step again', () => {
    const empty = newMeldcodeRecord();
    expect(nextAllowedSteps(empty)).toEqual([1]);
    expect(error(empty, step2)).toBe('step-out-of-order');
    const after1 = run(step1);
    expect(nextAllowedSteps(after1)).toEqual([1, 2]);
    expect(error(after1, step3)).toBe('step-out-of-order');
    const after2 = run(step1, step2);
    expect(error(after2, step1)).toBe('step-out-of-order');
    expect(error(after2, step2)).toBe('ok');
  });

  it('refuses step 5 before the afwegingskader is answered far enough, and outcomes it does not allow', () => {
    const before = run(step1, step2, step3, step4({ 1: true, 2: false }));
    expect(
      error(before, { step: 5, by, decision: 'x', outcome: 'hulp-organiseren', close: false }),
    ).toBe('afwegingskader-incomplete');
    expect(
      error(before, {
        step: 5,
        by,
        decision: 'x',
        outcome: 'melden',
        close: false,
        afwegingen: { 3: false },
      }),
    ).toBe('ok');
    const noSuspicion = run(step1, step2, step3, step4({ 1: false }));
    expect(error(noSuspicion, { step: 5, by, decision: 'x', outcome: 'melden', close: true })).toBe(
      'outcome-not-allowed',
    );
    expect(
      error(noSuspicion, { step: 5, by, decision: 'Geen vermoeden', outcome: 'geen', close: true }),
    ).toBe('ok');
  });

  it('refuses inconsistent answers in step 4', () => {
    const after3 = run(step1, step2, step3);
    expect(error(after3, step4({ 1: false, 2: true }))).toBe('afwegingen-inconsistent');
    expect(error(after3, step4({ 2: true }))).toBe('afwegingen-inconsistent');
  });

  it('keeps a help trajectory open until afweging 5 is answered, then closes with monitoring agreements', () => {
    const help = run(step1, step2, step3, step4({ 1: true, 2: false, 3: true, 4: true }), {
      step: 5,
      by,
      decision: 'Hulp georganiseerd',
      outcome: 'hulp-organiseren',
      close: false,
    });
    expect(nextAllowedSteps(help)).toEqual([5]);
    expect(
      error(help, { step: 5, by, decision: 'x', outcome: 'hulp-organiseren', close: true }),
    ).toBe('cannot-close-help-pending');
    const closeInput: MeldcodeStepInput = {
      step: 5,
      by,
      decision: 'Hulp werkt',
      outcome: 'hulp-organiseren',
      afwegingen: { 5: true },
      close: true,
    };
    expect(error(help, closeInput)).toBe('monitoring-agreements-required');
    expect(error(help, { ...closeInput, monitoringAfspraken: 'Maandelijks huisbezoek' })).toBe(
      'ok',
    );
    // help fails: report (again)
    expect(error(help, { ...closeInput, afwegingen: { 5: false } })).toBe('outcome-not-allowed');
    expect(error(help, { ...closeInput, afwegingen: { 5: false }, outcome: 'beide' })).toBe('ok');
  });

  it('requires a consultation in step 2, and Veilig Thuis for the special forms of violence', () => {
    const after1 = run(step1);
    expect(error(after1, { ...step2, consulted: [] } as MeldcodeStepInput)).toBe(
      'consultation-required',
    );
    expect(error(after1, { ...step2, specialForms: ['huwelijksdwang'] } as MeldcodeStepInput)).toBe(
      'veilig-thuis-required',
    );
    expect(
      error(after1, {
        ...step2,
        consulted: ['veilig-thuis'],
        specialForms: ['huwelijksdwang'],
      } as MeldcodeStepInput),
    ).toBe('ok');
  });

  it('requires a reason when no conversation was held in step 3', () => {
    const after2 = run(step1, step2);
    expect(error(after2, { step: 3, by, decision: 'Geen gesprek', gesprekGevoerd: false })).toBe(
      'reason-required',
    );
    expect(
      error(after2, {
        step: 3,
        by,
        decision: 'Geen gesprek',
        gesprekGevoerd: false,
        redenGeenGesprek: 'Veiligheid kind',
      }),
    ).toBe('ok');
  });

  it('requires a user and a decision text', () => {
    expect(error(newMeldcodeRecord(), { ...step1, by: ' ' })).toBe('missing-user');
    expect(error(newMeldcodeRecord(), { ...step1, decision: '' })).toBe('empty-decision');
  });

  it('refuses a time before the last entry', () => {
    const after1 = run(step1);
    expect(error(after1, step2, new Date(T0 - 1000))).toBe('clock-went-back');
  });

  it('makes a closed record immutable', () => {
    const closed = run(step1, step2, step3, step4({ 1: false }), {
      step: 5,
      by,
      decision: 'x',
      outcome: 'geen',
      close: true,
    });
    expect(nextAllowedSteps(closed)).toEqual([]);
    expect(error(closed, { step: 5, by, decision: 'y', outcome: 'geen', close: false })).toBe(
      'record-closed',
    );
    expect(error(closed, step1)).toBe('record-closed');
  });
});

describe('isSafetyMarkerActive', () => {
  it('is on from step 1 until the record is closed', () => {
    expect(isSafetyMarkerActive(newMeldcodeRecord())).toBe(false);
    expect(isSafetyMarkerActive(run(step1))).toBe(true);
    expect(isSafetyMarkerActive(run(step1, step2, step3, step4({ 1: false })))).toBe(true);
    expect(
      isSafetyMarkerActive(
        run(step1, step2, step3, step4({ 1: false }), {
          step: 5,
          by,
          decision: 'x',
          outcome: 'geen',
          close: true,
        }),
      ),
    ).toBe(false);
  });
});
