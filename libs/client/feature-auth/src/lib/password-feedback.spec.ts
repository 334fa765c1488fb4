import { describe, expect, it } from '@jest/globals';
import { passwordFeedback } from './password-feedback';

function met(password: string, email?: string): Record<string, boolean> {
  return Object.fromEntries(passwordFeedback(password, email).rules.map((r) => [r.problem, r.met]));
}

describe('passwordFeedback', () => {
  it('meets nothing while the field is empty', () => {
    const feedback = passwordFeedback('');
    expect(feedback.acceptable).toBe(false);
    expect(feedback.rules.every((r) => !r.met)).toBe(true);
  });

  it('flags a short password but not the other rules', () => {
    expect(met('kort')).toEqual({
      too_short: false,
      common: true,
      contains_email: true,
      repetitive: true,
    });
    expect(passwordFeedback('kort').acceptable).toBe(false);
  });

  it('flags a common password even with trailing punctuation', () => {
    expect(met('Wachtwoord123!').common).toBe(false);
  });

  it('flags the e-mail name and repetition', () => {
    expect(met('fatima-elamrani-2026', 'fatima-elamrani@voorbeeldstad.nl').contains_email).toBe(
      false,
    );
    expect(met('aaaaaaaaaaaaaaa').repetitive).toBe(false);
  });

  it('accepts a long, unpredictable passphrase', () => {
    const feedback = passwordFeedback('paarse fiets onder de brug');
    expect(feedback.acceptable).toBe(true);
    expect(feedback.rules.every((r) => r.met)).toBe(true);
  });
});
