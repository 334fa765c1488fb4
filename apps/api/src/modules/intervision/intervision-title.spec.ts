import { describe, expect, it } from '@jest/globals';
import { sharesCaseTitle } from './intervision.service';

describe('sharesCaseTitle: a copy title that would lead back to the case', () => {
  it('refuses the case title in any spelling, and titles that contain it or are contained', () => {
    const caseTitle = 'Eenzaamheid en woningaanpassing';
    for (const title of [
      'Eenzaamheid en woningaanpassing',
      'eenzaamheid  en WONINGAANPASSING',
      'Éénzaamheid en woningaanpassing',
      'Casus: eenzaamheid en woningaanpassing (maart)',
      'woningaanpassing',
    ])
      expect([title, sharesCaseTitle(title, caseTitle)]).toEqual([title, true]);
  });

  it('allows a title of its own', () => {
    expect(sharesCaseTitle('Alleen in een te groot huis', 'Eenzaamheid en woningaanpassing')).toBe(
      false,
    );
    // Short words are not matched inside others.
    expect(sharesCaseTitle('Werk en geld', 'Geld')).toBe(false);
  });
});
