import { describe, expect, it } from '@jest/globals';
import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(passwordProblems('paars-fietsbel-regen-7', 'a.devries@voorbeeldstad.nl')).toEqual([]);
  });

  it('refuses passwords under 12 characters, counting characters not bytes', () => {
    expect(passwordProblems('kort-wachtw')).toContain('too_short');
    expect(passwordProblems('ééééé-àààààà')).not.toContain('too_short');
  });

  it('refuses common passwords, also with trailing punctuation', () => {
    expect(passwordProblems('Wachtwoord123')).toContain('common');
    expect(passwordProblems('welkom123456!!')).toContain('common');
  });

  it('refuses passwords built on the e-mail name and repetitive ones', () => {
    expect(passwordProblems('jansen-2026-welkom', 'jansen@voorbeeldstad.nl')).toContain(
      'contains_email',
    );
    expect(passwordProblems('aaaaaaaaaaaaaaa')).toContain('repetitive');
  });

  it('refuses absurdly long input', () => {
    expect(passwordProblems('x'.repeat(300) + 'abc')).toContain('too_long');
  });
});
