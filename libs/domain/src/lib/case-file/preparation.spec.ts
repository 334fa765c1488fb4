import { describe, expect, it } from '@jest/globals';
import { canMarkReady, casePreparationSchema, timelineDateSchema } from './preparation';

const QUESTION = 'Welke ondersteuning bij schulden past bij dit gezin?';

function issues(input: unknown): string[] {
  const result = casePreparationSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
}

describe('casePreparationSchema', () => {
  it('accepts a minimal draft and fills the defaults', () => {
    const parsed = casePreparationSchema.parse({ status: 'draft' });
    expect(parsed).toEqual({
      status: 'draft',
      vraag: '',
      tijdlijn: [],
      krachten: '',
      zorgen: '',
      geprobeerd: '',
      opties: '',
      voorgesteldBesluit: '',
      ondergrenzen: '',
      zrmAssessmentId: null,
      netwerkId: null,
      signsOfSafety: null,
    });
  });

  it('accepts a full ready preparation', () => {
    expect(
      issues({
        status: 'ready',
        vraag: QUESTION,
        tijdlijn: [
          { datum: '2019', tekst: 'Verhuizing naar de wijk' },
          { datum: '2024-02', tekst: 'Schuldhulp gestart' },
          { datum: '2026-01-15', tekst: 'Huisuitzetting aangekondigd' },
        ],
        krachten: 'Moeder is gemotiveerd',
        zorgen: 'Huurachterstand',
        geprobeerd: 'Budgetcoaching',
        opties: 'A of B',
        voorgesteldBesluit: 'A',
        ondergrenzen: 'Kinderen blijven thuis wonen',
        zrmAssessmentId: 'zrm-1',
        netwerkId: 'net-1',
        signsOfSafety: {
          zorgen: 'x',
          watGaatGoed: 'y',
          watMoetErGebeuren: 'z',
          veiligheidsschaal: 6,
        },
      }),
    ).toEqual([]);
  });

  it('refuses ready without a question of at least 10 characters', () => {
    expect(issues({ status: 'ready' })).toEqual(['vraag:required-for-ready']);
    expect(issues({ status: 'ready', vraag: '   kort?    ' })).toEqual([
      'vraag:required-for-ready',
    ]);
    expect(issues({ status: 'ready', vraag: 'Wat nu te doen' })).toEqual([]);
    expect(issues({ status: 'draft', vraag: 'kort' })).toEqual([]);
  });

  it('caps the question at 500 and other fields at 10,000 characters, counting characters', () => {
    expect(issues({ status: 'draft', vraag: 'v'.repeat(500) })).toEqual([]);
    expect(issues({ status: 'draft', vraag: 'v'.repeat(501) })).toEqual(['vraag:too-long']);
    expect(issues({ status: 'draft', zorgen: '😀'.repeat(10_000) })).toEqual([]);
    expect(issues({ status: 'draft', zorgen: 'z'.repeat(10_001) })).toEqual(['zorgen:too-long']);
    expect(
      issues({ status: 'draft', tijdlijn: [{ datum: '2020', tekst: 't'.repeat(2_001) }] }),
    ).toEqual(['tijdlijn.0.tekst:too-long']);
  });

  it('keeps angle brackets verbatim and refuses control characters', () => {
    const text = 'Score < 3 en <script>alert(1)</script> blijft tekst\n\tmet regels';
    expect(casePreparationSchema.parse({ status: 'draft', krachten: text }).krachten).toBe(text);
    expect(issues({ status: 'draft', krachten: 'null\u0000byte' })).toEqual([
      'krachten:control-characters',
    ]);
    expect(issues({ status: 'draft', krachten: 'bel\u0007' })).toEqual([
      'krachten:control-characters',
    ]);
  });

  it('validates the Signs of Safety scale as an integer 0–10', () => {
    const sos = (veiligheidsschaal: unknown) => ({
      status: 'draft',
      signsOfSafety: { veiligheidsschaal },
    });
    expect(issues(sos(0))).toEqual([]);
    expect(issues(sos(10))).toEqual([]);
    expect(issues(sos(null))).toEqual([]);
    expect(issues(sos(11)).length).toBe(1);
    expect(issues(sos(-1)).length).toBe(1);
    expect(issues(sos(5.5)).length).toBe(1);
  });

  it('refuses unknown fields, statuses and empty timeline entries', () => {
    expect(issues({ status: 'draft', bsn: '123456782' }).length).toBe(1);
    expect(issues({ status: 'besproken' }).length).toBe(1);
    expect(issues({ status: 'draft', tijdlijn: [{ datum: '2020', tekst: '' }] }).length).toBe(1);
  });
});

describe('timelineDateSchema', () => {
  it('accepts year, month or day precision and refuses impossible dates', () => {
    for (const ok of ['2019', '2019-02', '2024-02-29'])
      expect(timelineDateSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      '19',
      '2019-13',
      '2023-02-29',
      '2019-00',
      '2019-1-5',
      '15-01-2019',
      'gisteren',
    ]) {
      expect(timelineDateSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('canMarkReady', () => {
  it('lists the question as missing until it has 10 characters', () => {
    expect(canMarkReady({})).toEqual(['vraag']);
    expect(canMarkReady({ vraag: null })).toEqual(['vraag']);
    expect(canMarkReady({ vraag: '123456789' })).toEqual(['vraag']);
    expect(canMarkReady({ vraag: '1234567890' })).toEqual([]);
    expect(canMarkReady({ vraag: QUESTION })).toEqual([]);
  });
});
