import type { FamilyPlanView } from '@casustafel/contracts';
import type { DocumentLanguage, PdfContent, PdfDefinition } from '../documents/pdf';

/** Everything the family's plan PDF shows (plain data, rendered in a document worker). */
export interface FamilyPlanPdfInput {
  view: FamilyPlanView;
  language: DocumentLanguage;
}

/** Plain words for a ZRM score: how it goes now, for the family (B1). */
export const SCORE_WORDS: Readonly<Record<DocumentLanguage, Readonly<Record<number, string>>>> = {
  nl: {
    1: 'Hier is nu snel hulp nodig.',
    2: 'Hier is hulp nodig.',
    3: 'Dit gaat een beetje.',
    4: 'Dit gaat goed.',
    5: 'Dit gaat heel goed.',
  },
  en: {
    1: 'Help is needed here soon.',
    2: 'Help is needed here.',
    3: 'This goes so-so.',
    4: 'This goes well.',
    5: 'This goes very well.',
  },
};

export const TASK_STATUS_WORDS: Readonly<
  Record<DocumentLanguage, Readonly<Record<string, string>>>
> = {
  nl: { open: 'Nog te doen', gereed: 'Klaar', vervallen: 'Niet meer nodig' },
  en: { open: 'To do', gereed: 'Done', vervallen: 'No longer needed' },
};

/** Plain words for a plan item's status (B1). */
export const PLAN_ITEM_STATUS_WORDS: Readonly<
  Record<DocumentLanguage, Readonly<Record<string, string>>>
> = {
  nl: { gepland: 'Nog niet begonnen', lopend: 'Bezig', afgerond: 'Klaar', gestopt: 'Gestopt' },
  en: { gepland: 'Not started yet', lopend: 'Under way', afgerond: 'Done', gestopt: 'Stopped' },
};

/** The fixed texts of the family's plan (page headings come from the client's scope file). */
export const FAMILY_PLAN_WORDS = {
  nl: {
    title: 'Ons plan',
    intro:
      'Dit is uw plan. U maakt het samen met het wijkteam. Lees het rustig. Klopt er iets niet? Zeg het ons.',
    members: 'Dit plan is van',
    regisseur: 'Uw vaste contact',
    krachten: 'Wat goed gaat',
    zorgen: 'Waar u zorgen over heeft',
    doelen: 'Waar we aan werken',
    afspraken: 'Wie doet wat en wanneer',
    who: 'Wie',
    what: 'Wat',
    when: 'Wanneer',
    status: 'Hoe staat het',
    none: 'Hier staat nog niets.',
    agreement: 'Wat u van het plan vindt',
    agreed: 'U bent het eens met dit plan.',
    disagreed: 'U bent het niet eens met dit plan.',
    noAgreement: 'U heeft nog niet gezegd wat u van het plan vindt.',
    made: 'Gemaakt op',
    footer:
      'Heeft u vragen? Bel of mail uw vaste contact. U mag altijd zien wie uw gegevens bekeek.',
  },
  en: {
    title: 'Our plan',
    intro:
      'This is your plan. You make it together with the team. Read it calmly. Is something wrong? Tell us.',
    members: 'This plan belongs to',
    regisseur: 'Your contact person',
    krachten: 'What goes well',
    zorgen: 'What worries you',
    doelen: 'What we work on',
    afspraken: 'Who does what and when',
    who: 'Who',
    what: 'What',
    when: 'When',
    status: 'Status',
    none: 'Nothing here yet.',
    agreement: 'What you think of the plan',
    agreed: 'You agree with this plan.',
    disagreed: 'You do not agree with this plan.',
    noAgreement: 'You have not yet said what you think of the plan.',
    made: 'Made on',
    footer:
      'Questions? Call or mail your contact person. You may always see who looked at your data.',
  },
} as const;

const list = (items: readonly string[], none: string): PdfContent =>
  items.length === 0 ? { text: none, italics: true } : { ul: [...items], margin: [0, 0, 0, 6] };

/** The B1 plan as a pdfmake definition (krachten, zorgen, doelen, wie doet wat wanneer). */
export function familyPlanPdfDefinition(input: FamilyPlanPdfInput): PdfDefinition {
  const { view, language } = input;
  const w = FAMILY_PLAN_WORDS[language];
  const heading = (text: string): PdfContent => ({ text, style: 'h2' });
  const agreement = view.agreement
    ? `${view.agreement.agrees ? w.agreed : w.disagreed}${view.agreement.comment ? ` “${view.agreement.comment}”` : ''}`
    : w.noAgreement;
  return {
    title: `${w.title} — ${view.householdLabel}`,
    language,
    content: [
      { text: w.title, style: 'h1' },
      { text: w.intro, margin: [0, 0, 0, 8] },
      { text: `${w.members}: ${view.members.join(', ')}.` },
      ...(view.regisseur ? [{ text: `${w.regisseur}: ${view.regisseur}.` }] : []),
      { text: `${w.made}: ${view.generatedAt.slice(0, 10)}.`, margin: [0, 0, 0, 8] },
      heading(w.krachten),
      list(view.krachten, w.none),
      heading(w.zorgen),
      list(view.zorgen, w.none),
      heading(w.doelen),
      list(
        view.doelen.map((d) => `${d.label}: ${d.state}`),
        w.none,
      ),
      heading(w.afspraken),
      view.afspraken.length === 0
        ? { text: w.none, italics: true }
        : {
            table: {
              headerRows: 1,
              widths: ['auto', '*', 'auto', 'auto'],
              body: [
                [w.who, w.what, w.when, w.status].map((text) => ({ text, bold: true })),
                ...view.afspraken.map((a) => [a.who, a.what, a.when, a.status]),
              ],
            },
            layout: 'lightHorizontalLines',
          },
      heading(w.agreement),
      { text: agreement },
      { text: w.footer, margin: [0, 12, 0, 0], italics: true },
    ],
    styles: {
      h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
    },
  };
}

/**
 * The fixed sentences the family reads (page and PDF) in one language, one per line: what the
 * readability test measures. Content typed by professionals is measured separately.
 */
export function familyPlanFixedTexts(language: DocumentLanguage): string {
  const w = FAMILY_PLAN_WORDS[language];
  return [
    ...Object.values(w),
    ...Object.values(SCORE_WORDS[language]),
    ...Object.values(TASK_STATUS_WORDS[language]),
  ].join('\n');
}
