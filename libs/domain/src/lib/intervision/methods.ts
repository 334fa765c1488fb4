// Data, one file on purpose: the shipped intervision methods, phase by phase, with their sources.
/** The intervision methods the product ships (issue 14 §1); their shape is in `method.ts`. */
import type { IntervisionRole, MethodPhase, IntervisionMethod } from './method';

export * from './method';

type PhaseInput = Omit<MethodPhase, 'minutesFromSource' | 'inbrengerRatesQuestions' | 'blind'> &
  Partial<Pick<MethodPhase, 'minutesFromSource' | 'inbrengerRatesQuestions' | 'blind'>>;

function phase(input: PhaseInput): MethodPhase {
  return { minutesFromSource: false, inbrengerRatesQuestions: false, blind: false, ...input };
}

const ALL_ROLES: IntervisionRole[] = ['inbrenger', 'gespreksleider', 'timekeeper', 'deelnemer'];

const INCIDENTMETHODE: IntervisionMethod = {
  id: 'incidentmethode',
  version: 1,
  name: 'Incidentmethode',
  summary:
    'Hendriksen: een concreet incident uit de praktijk in tien rondes, van vragen naar analyse, schriftelijke standpunten en wat de inbrenger werkelijk deed.',
  sources: [
    {
      title: 'Een meester in leren: de incidentmethode',
      url: 'https://eenmeesterinleren.nl/de-incidentmethode',
    },
    {
      title: 'Jeroen Hendriksen, Intervisie bij werkproblemen (1985)',
      url: 'http://jeroenhendriksen.nl/author/jeroenhendriksen/page/2/',
    },
  ],
  roles: ALL_ROLES,
  participants: { min: 4, max: 12 },
  derivedFrom: null,
  phases: [
    phase({
      key: 'incident-kiezen',
      title: 'Keuze van het incident',
      description: 'De groep kiest het incident dat besproken wordt.',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: 'case',
    }),
    phase({
      key: 'probleemsituatie',
      title: 'Schets van de probleemsituatie',
      description: 'De inbrenger schetst kort het incident en de situatie.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'vragen-noteren',
      title: 'Informatievragen noteren',
      description: 'Ieder schrijft voor zich de informatievragen op die hij of zij wil stellen.',
      minutes: 5,
      inbrenger: 'listens',
      contribution: 'question',
      blind: true,
    }),
    phase({
      key: 'informatieronde',
      title: 'Informatieronde',
      description: 'De vragen worden gesteld; de inbrenger antwoordt kort en waardeert de vragen.',
      minutes: 15,
      inbrenger: 'speaks',
      contribution: 'question',
      inbrengerRatesQuestions: true,
    }),
    phase({
      key: 'analyse',
      title: 'Analyse van de situatie',
      description: 'De groep analyseert wat er aan de hand is.',
      minutes: 10,
      inbrenger: 'listens',
      contribution: 'analysis',
    }),
    phase({
      key: 'standpunt-schriftelijk',
      title: 'Schriftelijke standpuntbepaling',
      description: 'Ieder schrijft voor zich op wat hij of zij in de situatie zou doen.',
      minutes: 5,
      inbrenger: 'listens',
      contribution: 'position',
      blind: true,
    }),
    phase({
      key: 'standpunten-delen',
      title: 'Standpunten delen',
      description: 'De standpunten worden zichtbaar gemaakt en toegelicht; de inbrenger luistert.',
      minutes: 10,
      inbrenger: 'listens',
      contribution: null,
    }),
    phase({
      key: 'werkelijk-gedaan',
      title: 'Wat deed de inbrenger werkelijk',
      description: 'De inbrenger vertelt wat hij of zij werkelijk deed.',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'slotdiscussie',
      title: 'Slotdiscussie',
      description: 'Gesprek over de verschillen en wat ervan te leren valt.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: 'learning-point',
    }),
    phase({
      key: 'evaluatie',
      title: 'Evaluatie',
      description: 'Hoe verliep de bijeenkomst en wat neemt ieder mee?',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: 'reflection',
    }),
  ],
};

const INCIDENTMETHODE_GETIMED: IntervisionMethod = {
  id: 'incidentmethode-getimed',
  version: 1,
  name: 'Incidentmethode (getimede oefenvariant)',
  summary:
    'De incidentmethode in 65 minuten met vaste tijden; de inbrenger verlaat de ruimte terwijl subgroepen een advies maken, en luistert daarna zonder te reageren.',
  sources: [
    {
      title: 'Fotoscholing: incidentmethode',
      url: 'https://www.fotoscholing.nl/index.php/incidentmethode/',
    },
  ],
  roles: ALL_ROLES,
  participants: { min: 4, max: 12 },
  derivedFrom: null,
  phases: [
    phase({
      key: 'terugblik',
      title: 'Reflectie op de vorige bijeenkomst',
      description: 'Wat is er gedaan met de adviezen van de vorige keer?',
      minutes: 5,
      minutesFromSource: true,
      inbrenger: 'speaks',
      contribution: 'reflection',
    }),
    phase({
      key: 'casussen-inbrengen',
      title: 'Casussen inbrengen',
      description: 'Deelnemers brengen kort een casus in.',
      minutes: 10,
      minutesFromSource: true,
      inbrenger: 'speaks',
      contribution: 'case',
    }),
    phase({
      key: 'kiezen',
      title: 'Kiezen',
      description: 'De groep kiest één casus.',
      minutes: 5,
      minutesFromSource: true,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'vragenronde',
      title: 'Vragenronde: alleen feiten, geen advies',
      description:
        'Deelnemers stellen feitelijke vragen; de inbrenger antwoordt en waardeert de vragen.',
      minutes: 15,
      minutesFromSource: true,
      inbrenger: 'speaks',
      contribution: 'question',
      inbrengerRatesQuestions: true,
    }),
    phase({
      key: 'subgroepen-advies',
      title: 'Inbrenger verlaat de ruimte: subgroepen analyseren en maken een advies',
      description:
        'De inbrenger is er niet bij; de adviezen blijven verborgen tot de gespreksleider ze toont.',
      minutes: 10,
      minutesFromSource: true,
      inbrenger: 'absent',
      contribution: 'advice',
      blind: true,
    }),
    phase({
      key: 'adviesronde',
      title: 'Adviesronde',
      description: 'De adviezen worden gepresenteerd; de inbrenger luistert zonder te reageren.',
      minutes: 10,
      minutesFromSource: true,
      inbrenger: 'listens',
      contribution: null,
    }),
    phase({
      key: 'evaluatie',
      title: 'Evaluatie en vervolg',
      description: 'De inbrenger reageert; afspraken voor de volgende keer.',
      minutes: 10,
      minutesFromSource: true,
      inbrenger: 'speaks',
      contribution: 'learning-point',
    }),
  ],
};

const RODDELMETHODE: IntervisionMethod = {
  id: 'roddelmethode',
  version: 1,
  name: 'Roddelmethode',
  summary:
    'De inbrenger zit met de rug naar de groep en luistert terwijl de groep over de casus "roddelt"; daarna vertelt de inbrenger wat opviel.',
  sources: [
    {
      title: 'Lancelots: intervisie voor gevorderden',
      url: 'https://www.lancelots.nl/ontwikkelen/samenwerken/intervisie/voor-gevorderden',
    },
    {
      title: 'Managementissues: de roddelmethode',
      url: 'https://www.managementissues.com/ontwikkelingstools/de-roddelmethode/',
    },
    {
      title: 'BP Opleidingen: methodiek intervisie roddelmethode',
      url: 'https://www.bpopleidingen.nl/e-learning-methodiek-intervisie-roddelmethode/',
    },
  ],
  roles: ALL_ROLES,
  participants: { min: 4, max: 10 },
  derivedFrom: null,
  phases: [
    phase({
      key: 'vraag-introductie',
      title: 'Introductie van de vraag',
      description: 'De inbrenger vertelt de casus en de vraag.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'exploratie',
      title: 'Exploratie met open vragen',
      description: 'Ieder stelt open vragen (bijvoorbeeld drie per deelnemer).',
      minutes: 15,
      inbrenger: 'speaks',
      contribution: 'question',
    }),
    phase({
      key: 'roddelronde',
      title: 'Roddelronde',
      description:
        'De inbrenger zit buiten de kring met de rug naar de groep, luistert en maakt aantekeningen zonder in te grijpen.',
      minutes: 15,
      inbrenger: 'absent',
      contribution: 'analysis',
    }),
    phase({
      key: 'terugkoppeling',
      title: 'Terugkoppeling door de inbrenger',
      description: 'De inbrenger keert terug en vertelt wat opviel.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'evaluatie',
      title: 'Evaluatie',
      description: 'Wat leverde het op, voor de inbrenger en de groep?',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: 'learning-point',
    }),
  ],
};

const BALINT: IntervisionMethod = {
  id: 'balint',
  version: 1,
  name: 'Balint-methode',
  summary:
    'Elf stappen met strikt gescheiden beeldvorming, oordeelsvorming en besluitvorming; associaties en eigen adviezen worden eerst ieder voor zich opgeschreven. Minimaal vijf deelnemers, 1 à 2 uur.',
  sources: [
    {
      title: 'Movisie: Balint-methode (intervisie)',
      url: 'https://www.movisie.nl/tool/balint-methode-intervisie',
    },
    { title: 'Guide to coach: methode 1', url: 'http://guidetocoach.com/methode-1' },
  ],
  roles: ALL_ROLES,
  participants: { min: 5, max: 12 },
  derivedFrom: null,
  phases: [
    phase({
      key: 'casussen-verzamelen',
      title: 'Casussen verzamelen',
      description: 'Ieder noemt kort een mogelijke casus.',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: 'case',
    }),
    phase({
      key: 'belangstelling-wekken',
      title: 'Belangstelling wekken',
      description: 'Elke inbrenger licht de eigen casus toe in hooguit drie zinnen.',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'probleem-kiezen',
      title: 'Probleem kiezen',
      description: 'De groep kiest welk probleem besproken wordt.',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'procesbegeleider-kiezen',
      title: 'Procesbegeleider kiezen',
      description: 'De groep kiest wie het proces begeleidt.',
      minutes: 2,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'casus-toelichten',
      title: 'Casus volledig toelichten',
      description: 'De inbrenger vertelt de casus volledig.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'associeren',
      title: 'Associëren',
      description:
        'Ieder schrijft de eerste associaties op; ze blijven verborgen tot de gespreksleider ze toont.',
      minutes: 5,
      inbrenger: 'listens',
      contribution: 'association',
      blind: true,
    }),
    phase({
      key: 'beeldvorming',
      title: 'Beeldvorming',
      description: 'Verhelderingsvragen, korte antwoorden van de inbrenger.',
      minutes: 15,
      inbrenger: 'speaks',
      contribution: 'question',
      inbrengerRatesQuestions: true,
    }),
    phase({
      key: 'individuele-oordeelsvorming',
      title: 'Individuele oordeelsvorming',
      description: 'Ieder schrijft een eigen advies op.',
      minutes: 5,
      inbrenger: 'listens',
      contribution: 'advice',
      blind: true,
    }),
    phase({
      key: 'groepsoordeel',
      title: 'Groepsoordeel',
      description: 'De adviezen worden besproken; de inbrenger reageert niet tussendoor.',
      minutes: 15,
      inbrenger: 'listens',
      contribution: null,
    }),
    phase({
      key: 'besluitvorming',
      title: 'Besluitvorming',
      description: 'De inbrenger zegt wat hij of zij gaat doen.',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'evaluatie',
      title: 'Evaluatie',
      description: 'Terugblik op inhoud en proces.',
      minutes: 8,
      inbrenger: 'speaks',
      contribution: 'learning-point',
    }),
  ],
};

const TIEN_STAPPEN: IntervisionMethod = {
  id: 'tienstappenmethode',
  version: 1,
  name: '10-stappenmethode',
  summary:
    'Van probleembeschrijving via gewaardeerde vragen en het kernprobleem naar een nieuwe aanpak, tips en persoonlijke inzichten.',
  sources: [
    {
      title: 'BP Opleidingen: intervisie 10-stappenmethode',
      url: 'https://www.bpopleidingen.nl/e-learning-intervisie-10-stappen-methode/',
    },
  ],
  roles: ALL_ROLES,
  participants: { min: 3, max: 10 },
  derivedFrom: null,
  phases: [
    phase({
      key: 'probleem-beschrijven',
      title: 'Probleem beschrijven',
      description: 'De inbrenger beschrijft het probleem.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'vragen-formuleren',
      title: 'Verhelderingsvragen formuleren',
      description:
        'Ieder schrijft verhelderende vragen op; ze blijven verborgen tot de gespreksleider ze toont.',
      minutes: 5,
      inbrenger: 'listens',
      contribution: 'question',
      blind: true,
    }),
    phase({
      key: 'vragen-waarderen',
      title: 'Inbrenger waardeert de vragen',
      description: 'De inbrenger geeft bij elke vraag aan hoe warm die is (koud, lauw, warm).',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: 'question',
      inbrengerRatesQuestions: true,
    }),
    phase({
      key: 'vragen-beantwoorden',
      title: 'Inbrenger beantwoordt de vragen',
      description: 'De inbrenger beantwoordt de vragen, warmste eerst.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'extra-vragen',
      title: 'Extra vragenronde',
      description: 'Aanvullende vragen.',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: 'question',
    }),
    phase({
      key: 'kernprobleem',
      title: 'Groep definieert het kernprobleem',
      description: 'De groep formuleert wat volgens haar het kernprobleem is.',
      minutes: 10,
      inbrenger: 'listens',
      contribution: 'analysis',
    }),
    phase({
      key: 'herdefinitie',
      title: 'Inbrenger herdefinieert het probleem',
      description: 'De inbrenger formuleert het probleem opnieuw.',
      minutes: 5,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'nieuwe-aanpak',
      title: 'Nieuwe aanpak en veranderingsbereidheid',
      description: 'Wat gaat de inbrenger anders doen, en hoe bereid is hij of zij daartoe?',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'tips-advies',
      title: 'Tips en adviezen',
      description: 'De deelnemers geven tips en adviezen.',
      minutes: 10,
      inbrenger: 'listens',
      contribution: 'advice',
    }),
    phase({
      key: 'persoonlijke-inzichten',
      title: 'Persoonlijke inzichten',
      description: 'Ieder noemt wat hij of zij voor de eigen praktijk leerde.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: 'learning-point',
    }),
  ],
};

const VIJF_STAPPEN: IntervisionMethod = {
  id: 'vijfstappenmethode',
  version: 1,
  name: 'Vijfstappenmethode',
  summary: 'Vraag, verkenning, kern, advies (de inbrenger reageert) en evaluatie.',
  sources: [
    {
      title: 'BP Opleidingen: intervisiemethode',
      url: 'https://www.bpopleidingen.nl/e-learning-methodiek-intervisiemethode/',
    },
    {
      title: 'LessonUp: vijfstappenmethode',
      url: 'https://lessonup.com/en/lesson/dncGB5TdsSNqQXH7C',
    },
  ],
  roles: ALL_ROLES,
  participants: { min: 3, max: 10 },
  derivedFrom: null,
  phases: [
    phase({
      key: 'vraag-introductie',
      title: 'Introductie van de vraag',
      description: 'De inbrenger vertelt de casus en de vraag.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: null,
    }),
    phase({
      key: 'probleemverkenning',
      title: 'Probleemverkenning',
      description: 'Vragen om het probleem te verkennen.',
      minutes: 15,
      inbrenger: 'speaks',
      contribution: 'question',
      inbrengerRatesQuestions: true,
    }),
    phase({
      key: 'kern-formuleren',
      title: 'Kern formuleren',
      description: 'De groep en de inbrenger formuleren de kern.',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: 'analysis',
    }),
    phase({
      key: 'adviesronde',
      title: 'Adviesronde',
      description: 'Deelnemers geven advies; de inbrenger reageert.',
      minutes: 15,
      inbrenger: 'speaks',
      contribution: 'advice',
    }),
    phase({
      key: 'evaluatie',
      title: 'Evaluatie',
      description: 'Wat neemt de inbrenger mee, wat leerde de groep?',
      minutes: 10,
      inbrenger: 'speaks',
      contribution: 'learning-point',
    }),
  ],
};

/** The methods the product ships (all version 1); trainers copy and adapt them. */
export const INTERVISION_METHODS: readonly IntervisionMethod[] = [
  INCIDENTMETHODE,
  INCIDENTMETHODE_GETIMED,
  RODDELMETHODE,
  BALINT,
  TIEN_STAPPEN,
  VIJF_STAPPEN,
];

export function findMethod(id: string, version?: number): IntervisionMethod | undefined {
  return INTERVISION_METHODS.find(
    (method) => method.id === id && (version === undefined || method.version === version),
  );
}
