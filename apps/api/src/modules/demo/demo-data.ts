import type { Discipline, TeamRole, TeamType } from '@casustafel/contracts';
import type { casePreparationContentSchema, MeldcodeStepInput } from '@casustafel/domain';
import type { z } from 'zod';
import type { CaseStatus, HouseholdRole } from '../case-file/case-file.types';

/**
 * The demo's fictional "Gemeente Voorbeeldstad" as data: accounts, households, cases and the
 * texts of their records. Every name, address and BSN is invented. The seeds write these.
 */

/** A preparation's content as written (the schema fills the rest). */
type PreparationText = z.input<typeof casePreparationContentSchema>;
/** A Meldcode step as written; who took it is filled in when seeded. */
type StepText = MeldcodeStepInput extends infer T
  ? T extends unknown
    ? Omit<T, 'by'>
    : never
  : never;

/** Every demo account's password (fictional organisation, demo mode only). */
export const DEMO_PASSWORD = 'Voorbeeldstad-demo-2026';

export interface DemoUser {
  email: string;
  displayName: string;
  discipline: Discipline;
  orgAdmin?: boolean;
  teams: [string, TeamRole[]][];
  role: string;
}

export const DEMO_TEAMS: { name: string; type: TeamType }[] = [
  { name: 'Wijkteam Noord', type: 'integraal' },
  { name: 'Wijkteam Zuid', type: 'integraal' },
];

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'beheer@voorbeeldstad.nl',
    displayName: 'Wim Verbeek',
    discipline: 'beleidsmedewerker',
    orgAdmin: true,
    teams: [],
    role: 'organisatiebeheerder',
  },
  {
    email: 'fatima@voorbeeldstad.nl',
    displayName: 'Fatima El Amrani',
    discipline: 'generalist',
    teams: [['Wijkteam Noord', ['member', 'chair']]],
    role: 'voorzitter Wijkteam Noord',
  },
  {
    email: 'sanne@voorbeeldstad.nl',
    displayName: 'Sanne Bakker',
    discipline: 'wmo-consulent',
    teams: [['Wijkteam Noord', ['member', 'team_leader']]],
    role: 'teamleider Wijkteam Noord',
  },
  {
    email: 'jeroen@voorbeeldstad.nl',
    displayName: 'Jeroen de Vries',
    discipline: 'jeugdprofessional',
    teams: [['Wijkteam Noord', ['member']]],
    role: 'lid Wijkteam Noord',
  },
  {
    email: 'priya@voorbeeldstad.nl',
    displayName: 'Priya Ramdin',
    discipline: 'werk-en-inkomen',
    teams: [['Wijkteam Noord', ['member', 'trainer']]],
    role: 'lid en trainer Wijkteam Noord',
  },
  {
    email: 'lotte@voorbeeldstad.nl',
    displayName: 'Lotte Janssen',
    discipline: 'ggz',
    teams: [['Wijkteam Zuid', ['member', 'chair']]],
    role: 'voorzitter Wijkteam Zuid',
  },
  {
    email: 'mehmet@voorbeeldstad.nl',
    displayName: 'Mehmet Yılmaz',
    discipline: 'schuldhulpverlener',
    teams: [['Wijkteam Zuid', ['member']]],
    role: 'lid Wijkteam Zuid',
  },
];

export interface DemoMember {
  givenName: string;
  familyName: string;
  role: HouseholdRole;
  dateOfBirth: string | null;
  bsn?: string;
}

export interface DemoHousehold {
  label: string;
  createdDaysAgo: number;
  address: { street: string; postcode: string; city: string } | null;
  members: DemoMember[];
}

/** A case's title and its status history: each status with how many days ago it was set. */
export interface DemoCase {
  title: string;
  history: [CaseStatus, number][];
}

export const JANSEN: DemoHousehold = {
  label: 'Huishouden Jansen',
  createdDaysAgo: 160,
  address: { street: 'Lindelaan 12', postcode: '9999ZZ', city: 'Voorbeeldstad' },
  members: [
    {
      givenName: 'Marieke',
      familyName: 'Jansen',
      role: 'ouder',
      dateOfBirth: '1986-04-12',
      bsn: '111222333',
    },
    { givenName: 'Tim', familyName: 'Jansen', role: 'kind', dateOfBirth: '2014-09-03' },
    { givenName: 'Noor', familyName: 'Jansen', role: 'kind', dateOfBirth: '2017-02-21' },
  ],
};
export const JANSEN_CASE: DemoCase = {
  title: 'Schulden en opvoedvragen',
  history: [
    ['aanmelding', 150],
    ['vraagverheldering', 143],
    ['plan', 120],
    ['uitvoering', 100],
  ],
};
/** The Jansen ZRM history: days ago and the base score of each assessment. */
export const JANSEN_ZRM: readonly (readonly [number, number])[] = [
  [145, 2],
  [90, 3],
  [12, 3],
];
/** The ready preparation (its ZRM reference is the latest assessment, set when seeded). */
export const JANSEN_PREPARATION: PreparationText = {
  vraag:
    'Hoe stemmen we de schuldhulp en de opvoedondersteuning zo af dat moeder niet overbelast raakt?',
  tijdlijn: [
    { datum: '2025-09', tekst: 'Aanmelding via de huisarts: betalingsachterstanden.' },
    { datum: '2025-11', tekst: 'Start budgetbeheer; school meldt zorgen over Tim.' },
  ],
  krachten: 'Moeder is gemotiveerd; oma helpt twee middagen per week.',
  zorgen: 'Oplopende schulden; Tim verzuimt op school.',
  geprobeerd: 'Budgetcursus (afgebroken).',
  opties: 'Schuldhulp via de gemeente; opvoedondersteuning thuis.',
  voorgesteldBesluit: 'Eén plan met één casusregisseur; schuldhulp start eerst.',
  ondergrenzen: 'Geen huisuitzetting; Tim gaat naar school.',
};
export const JANSEN_COMMENT = 'Ik kan vooraf checken of er recht is op bijzondere bijstand.';

export const IDRISSI: DemoHousehold = {
  label: 'Huishouden El Idrissi',
  createdDaysAgo: 45,
  address: null,
  members: [
    { givenName: 'Youssef', familyName: 'El Idrissi', role: 'ouder', dateOfBirth: '1979-11-30' },
    { givenName: 'Sara', familyName: 'El Idrissi', role: 'kind', dateOfBirth: '2012-06-15' },
  ],
};
export const IDRISSI_CASE: DemoCase = {
  title: 'Zorgen over veiligheid thuis',
  history: [
    ['aanmelding', 40],
    ['vraagverheldering', 30],
    ['plan', 10],
  ],
};
/** The open Meldcode record's steps 1 and 2 (by the casusregisseur) and how many days ago. */
export const IDRISSI_MELDCODE: [StepText, number][] = [
  [
    {
      step: 1,
      decision: 'Signalen feitelijk vastgelegd: school meldt blauwe plekken (fictief).',
      kindcheck: { kinderenAanwezig: true },
    },
    8,
  ],
  [
    {
      step: 2,
      decision: 'Besproken met de aandachtsfunctionaris: gesprek met vader voeren.',
      consulted: ['aandachtsfunctionaris'],
    },
    6,
  ],
];
export const IDRISSI_PREPARATION: PreparationText = {
  krachten: 'Vader zoekt zelf hulp; Sara heeft een goede band met haar oom.',
  zorgen: 'Signalen van onveiligheid (Meldcode loopt).',
};

export const DE_BOER: DemoHousehold = {
  label: 'Huishouden De Boer',
  createdDaysAgo: 3,
  address: null,
  members: [
    { givenName: 'Henk', familyName: 'de Boer', role: 'overig', dateOfBirth: '1951-01-08' },
  ],
};
export const DE_BOER_CASE: DemoCase = {
  title: 'Eenzaamheid en woningaanpassing',
  history: [['aanmelding', 3]],
};

export const YILMAZ: DemoHousehold = {
  label: 'Huishouden Yılmaz',
  createdDaysAgo: 60,
  address: null,
  members: [
    { givenName: 'Şükrü', familyName: 'Yılmaz', role: 'ouder', dateOfBirth: '1980-05-02' },
    { givenName: 'Ayşe', familyName: 'Yılmaz', role: 'ouder', dateOfBirth: '1983-10-17' },
    { givenName: 'Elif', familyName: 'Yılmaz', role: 'kind', dateOfBirth: '2013-03-08' },
  ],
};
export const YILMAZ_CASE: DemoCase = {
  title: 'Werk, geld en school',
  history: [
    ['aanmelding', 55],
    ['vraagverheldering', 40],
    ['plan', 10],
  ],
};
/** The Yılmaz ZRM scores that differ from 3. */
export const YILMAZ_ZRM: Record<string, number> = {
  financien: 2,
  'werk-en-opleiding': 2,
  huisvesting: 4,
  'sociaal-netwerk': 4,
};
export const YILMAZ_PREPARATION: PreparationText = {
  vraag: 'Wat is de eerste stap naar werk voor vader, zonder dat de schulden groeien?',
  krachten: 'Het gezin praat open met elkaar.\nOpa en oma wonen dichtbij en helpen.',
  zorgen: 'Er zijn schulden.\nVader zoekt al lang werk.\nElif gaat niet graag naar school.',
};
export const YILMAZ_DECISION = {
  type: 'verwijzing-1e-lijn',
  text: 'Vader gaat naar het werkplein; schuldhulp start tegelijk.',
  rationale: 'Werk en schulden hangen samen; het gezin wil dit zelf ook.',
} as const;
/** The decision's actions: text, owner, due in days, status. */
export const YILMAZ_ACTIONS = [
  ['Afspraak maken bij het werkplein', 'priya', 10, 'open'],
  ['Gesprek met de school van Elif', 'jeroen', -3, 'gereed'],
] as const;

export const VISSER: DemoHousehold = {
  label: 'Huishouden Visser',
  createdDaysAgo: 20,
  address: null,
  members: [{ givenName: 'Anja', familyName: 'Visser', role: 'ouder', dateOfBirth: '1990-07-19' }],
};
export const VISSER_CASE: DemoCase = {
  title: 'Schuldhulpvraag',
  history: [
    ['aanmelding', 20],
    ['vraagverheldering', 14],
  ],
};

/** Last week's open actions on the Jansen case: owner, description, due in days. */
export const LAST_MEETING_ACTIONS: [string, string, number][] = [
  ['sanne', 'Bijzondere bijstand voor gezin Jansen aanvragen', -2],
  ['priya', 'Schoolmaatschappelijk werk vragen naar het verzuim van Tim', 5],
  ['fatima', 'Afstemmen met de schuldhulp over de startdatum', 3],
];
export const NEXT_MEETING_ANNOUNCEMENT = 'Nieuwe werkinstructie huisbezoeken';
