import { describe, expect, it } from '@jest/globals';
import { agendaConsentDecision } from './consent';

describe('agendaConsentDecision', () => {
  it('lets a covered case on the agenda without a justification', () => {
    expect(agendaConsentDecision('gedekt', null)).toBe('covered');
    expect(agendaConsentDecision('gedekt', 'ook met een tekst erbij')).toBe('covered');
  });

  it.each(['verlopen', 'ontbreekt'] as const)(
    'requires a justification when the cover is %s',
    (cover) => {
      expect(agendaConsentDecision(cover, null)).toBe('justification-required');
      expect(agendaConsentDecision(cover, '   kort   ')).toBe('justification-required');
      expect(agendaConsentDecision(cover, 'Acute zorg om de veiligheid van de kinderen')).toBe(
        'justified',
      );
    },
  );
});
