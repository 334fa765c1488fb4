// Data, one file: the lexicon of the access overview (every audit action, role, data kind and purpose in Dutch and English) reads best whole.
import type { AccessLogLanguage, AuditOutcome } from '@casustafel/contracts';
import type { AuditAction } from '../../common/access/access.decorator';

/** A text in Dutch and English. */
export type Words = Readonly<Record<AccessLogLanguage, string>>;

/**
 * Every audit action in plain words for the citizen's access overview (AVG art. 15). Typed
 * over the whole vocabulary: an action added to `AuditAction` does not compile until it has
 * words here. `note.update` and `user.invite` are recorded by services directly.
 */
export const ACTION_WORDS: Readonly<Record<Exclude<AuditAction, 'none'>, Words>> = {
  'access.denied': { nl: 'Toegang geprobeerd', en: 'Tried to get access' },
  'auth.login': { nl: 'Ingelogd', en: 'Signed in' },
  'auth.logout': { nl: 'Uitgelogd', en: 'Signed out' },
  'auth.second-factor': { nl: 'Inlogcode gecontroleerd', en: 'Sign-in code checked' },
  'auth.totp-enrol': { nl: 'Inlogcode-app ingesteld', en: 'Sign-in code app set up' },
  'auth.activate': { nl: 'Account geactiveerd', en: 'Account activated' },
  'auth.oidc-login': {
    nl: 'Ingelogd via de organisatie',
    en: 'Signed in through the organisation',
  },
  'organisation.read': { nl: 'Organisatie bekeken', en: 'Organisation viewed' },
  'team.create': { nl: 'Team aangemaakt', en: 'Team created' },
  'team.update': { nl: 'Team gewijzigd', en: 'Team changed' },
  'team.read': { nl: 'Team bekeken', en: 'Team viewed' },
  'user.invite': { nl: 'Medewerker uitgenodigd', en: 'Employee invited' },
  'user.update': { nl: 'Medewerker gewijzigd', en: 'Employee changed' },
  'user.disable': { nl: 'Account geblokkeerd', en: 'Account disabled' },
  'user.enable': { nl: 'Account weer toegelaten', en: 'Account enabled again' },
  'user.sessions-end': { nl: 'Sessies beëindigd', en: 'Sessions ended' },
  'user.totp-reset': { nl: 'Inlogcode-app gewist', en: 'Sign-in code app reset' },
  'membership.update': { nl: 'Teamlidmaatschap gewijzigd', en: 'Team membership changed' },
  'membership.remove': { nl: 'Uit het team gehaald', en: 'Removed from the team' },
  'audit.read': { nl: 'Toegangslogboek bekeken', en: 'Access log viewed' },
  'audit.export': { nl: 'Toegangslogboek geëxporteerd', en: 'Access log exported' },
  'household.read': { nl: 'Gegevens van het huishouden bekeken', en: 'Household data viewed' },
  'household.create': { nl: 'Huishouden vastgelegd', en: 'Household recorded' },
  'household.update': {
    nl: 'Gegevens van het huishouden gewijzigd',
    en: 'Household data changed',
  },
  'person.create': { nl: 'Gezinslid toegevoegd', en: 'Household member added' },
  'person.update': { nl: 'Gegevens van een gezinslid gewijzigd', en: 'Member data changed' },
  'network.update': { nl: 'Netwerk gewijzigd', en: 'Network changed' },
  'network-map.read': { nl: 'Genogram en ecogram bekeken', en: 'Genogram and ecomap viewed' },
  'network-map.update': {
    nl: 'Genogram of ecogram gewijzigd',
    en: 'Genogram or ecomap changed',
  },
  'network-map.version': {
    nl: 'Versie van genogram en ecogram bewaard',
    en: 'Version of genogram and ecomap saved',
  },
  'network-map.export': {
    nl: 'Genogram of ecogram geëxporteerd',
    en: 'Genogram or ecomap exported',
  },
  'consent.create': { nl: 'Toestemming vastgelegd', en: 'Consent recorded' },
  'consent.withdraw': { nl: 'Toestemming ingetrokken', en: 'Consent withdrawn' },
  'case.list': { nl: 'Lijst van casussen bekeken', en: 'List of cases viewed' },
  'case.read': { nl: 'Casus bekeken', en: 'Case viewed' },
  'case.create': { nl: 'Casus aangemaakt', en: 'Case created' },
  'case.update': { nl: 'Casus gewijzigd', en: 'Case changed' },
  'case.status': { nl: 'Fase van de casus gewijzigd', en: 'Case stage changed' },
  'zrm.create': {
    nl: 'Zelfredzaamheid ingeschat (ZRM)',
    en: 'Self-sufficiency assessed (ZRM)',
  },
  'meldcode.open': {
    nl: 'Meldcode huiselijk geweld gestart',
    en: 'Domestic violence reporting code started',
  },
  'meldcode.step': {
    nl: 'Stap in de meldcode vastgelegd',
    en: 'Step of the reporting code recorded',
  },
  'preparation.create': { nl: 'Bespreking voorbereid', en: 'Discussion prepared' },
  'preparation.update': { nl: 'Voorbereiding gewijzigd', en: 'Preparation changed' },
  'preparation.ready': { nl: 'Voorbereiding afgerond', en: 'Preparation completed' },
  'preparation.comment': { nl: 'Opmerking bij de voorbereiding', en: 'Comment on preparation' },
  'preparation.list': { nl: 'Openstaande voorbereidingen bekeken', en: 'Open preparations viewed' },
  'access-log.export': { nl: 'Inzageoverzicht opgevraagd', en: 'Access overview requested' },
  'meeting-series.create': { nl: 'Overlegreeks gepland', en: 'Meeting series planned' },
  'meeting.list': { nl: 'Overleggen bekeken', en: 'Meetings viewed' },
  'meeting.create': { nl: 'Overleg gepland', en: 'Meeting planned' },
  'meeting.read': { nl: 'Agenda van het overleg bekeken', en: 'Meeting agenda viewed' },
  'meeting.update': { nl: 'Overleg gewijzigd', en: 'Meeting changed' },
  'meeting.publish': { nl: 'Agenda verstuurd', en: 'Agenda sent' },
  'meeting.close': { nl: 'Overleg afgesloten', en: 'Meeting closed' },
  'meeting.cancel': { nl: 'Overleg geannuleerd', en: 'Meeting cancelled' },
  'meeting.join': { nl: 'Overleg bijgewoond', en: 'Joined the meeting' },
  'meeting.command': { nl: 'Bespreking in het overleg', en: 'Discussed in the meeting' },
  'live-session.join': { nl: 'Sessie bijgewoond', en: 'Joined the session' },
  'live-session.command': { nl: 'Bijdrage in de sessie', en: 'Took part in the session' },
  'live-session.read': { nl: 'Sessie ingezien', en: 'Viewed the session' },
  'agenda.create': { nl: 'Op de agenda gezet', en: 'Put on the agenda' },
  'agenda.update': { nl: 'Agendapunt gewijzigd', en: 'Agenda item changed' },
  'agenda.delete': { nl: 'Van de agenda gehaald', en: 'Taken off the agenda' },
  'agenda.reorder': { nl: 'Agenda anders geordend', en: 'Agenda reordered' },
  'note.read': { nl: 'Gespreksaantekeningen bekeken', en: 'Meeting notes viewed' },
  'note.update': { nl: 'Gespreksaantekeningen geschreven', en: 'Meeting notes written' },
  'decision.create': { nl: 'Besluit vastgelegd', en: 'Decision recorded' },
  'decision.list': { nl: 'Besluiten bekeken', en: 'Decisions viewed' },
  'action.create': { nl: 'Afspraak vastgelegd', en: 'Agreed action recorded' },
  'action.update': { nl: 'Afspraak bijgewerkt', en: 'Agreed action updated' },
  'action.list': { nl: 'Afspraken bekeken', en: 'Agreed actions viewed' },
  'follow-up.read': { nl: 'Opvolging bekeken', en: 'Follow-up viewed' },
  'minutes.read': { nl: 'Verslag bekeken', en: 'Minutes viewed' },
  'minutes.generate': { nl: 'Verslag opgesteld', en: 'Minutes drawn up' },
  'minutes.update': { nl: 'Verslag gewijzigd', en: 'Minutes changed' },
  'minutes.approve': { nl: 'Verslag vastgesteld', en: 'Minutes approved' },
  'minutes.export': { nl: 'Verslag gedownload', en: 'Minutes downloaded' },
  'guest.invite': { nl: 'Externe specialist uitgenodigd', en: 'External specialist invited' },
  'guest.list': { nl: 'Uitnodigingen bekeken', en: 'Invitations viewed' },
  'guest.revoke': { nl: 'Uitnodiging ingetrokken', en: 'Invitation withdrawn' },
  'guest.code': { nl: 'Nieuwe toegangscode verstuurd', en: 'New access code sent' },
  'guest.sign-in': { nl: 'Externe specialist aangemeld', en: 'External specialist signed in' },
  'guest.read': { nl: 'Agendapunt bekeken', en: 'Agenda item viewed' },
  'guest.join': { nl: 'Overleg bijgewoond', en: 'Joined the meeting' },
  'timeline.read': { nl: 'Verloop van de hulp bekeken', en: 'Course of the help viewed' },
  'family.invite': { nl: 'Link voor het gezin gemaakt', en: 'Link for the family made' },
  'family.list': { nl: 'Links voor het gezin bekeken', en: 'Links for the family viewed' },
  'family.revoke': { nl: 'Link voor het gezin gestopt', en: 'Link for the family stopped' },
  'family.sign-in': { nl: 'Het gezin logde in', en: 'The family signed in' },
  'family.read': { nl: 'Het gezin las het plan', en: 'The family read the plan' },
  'family.access-log': {
    nl: 'Het gezin bekeek wie het dossier zag',
    en: 'The family viewed who saw the file',
  },
  'family.agree': {
    nl: 'Het gezin gaf een mening over het plan',
    en: 'The family gave a view on the plan',
  },
  'family.export': {
    nl: 'Het gezin haalde het plan op als PDF',
    en: 'The family downloaded the plan as PDF',
  },
  'erasure.list': { nl: 'Verwijderverzoeken bekeken', en: 'Erasure requests viewed' },
  'erasure.request': { nl: 'Verzoek tot verwijderen vastgelegd', en: 'Erasure request recorded' },
  'erasure.assess': { nl: 'Verzoek tot verwijderen beoordeeld', en: 'Erasure request assessed' },
  'erasure.execute': { nl: 'Gegevens verwijderd op verzoek', en: 'Data erased on request' },
  'notification-settings.update': {
    nl: 'Meldingsinstellingen gewijzigd',
    en: 'Notification settings changed',
  },
  'calendar.download': {
    nl: 'Agenda-uitnodiging gedownload',
    en: 'Calendar invitation downloaded',
  },
  'calendar-feed.create': { nl: 'Agendakoppeling gemaakt', en: 'Calendar feed created' },
  'calendar-feed.revoke': { nl: 'Agendakoppeling ingetrokken', en: 'Calendar feed revoked' },
  'calendar-feed.read': { nl: 'Agendakoppeling gelezen', en: 'Calendar feed read' },
  'insight.read': {
    nl: 'Stuurinformatie van het team bekeken (alleen totalen)',
    en: 'Team management information viewed (totals only)',
  },
  'insight.export': {
    nl: 'Stuurinformatie van het team geëxporteerd (alleen totalen)',
    en: 'Team management information exported (totals only)',
  },
  'support-plan.read': { nl: 'Ondersteuningsplan bekeken', en: 'Support plan viewed' },
  'support-plan.create': { nl: 'Ondersteuningsplan gemaakt', en: 'Support plan created' },
  'support-plan.update': { nl: 'Ondersteuningsplan gewijzigd', en: 'Support plan changed' },
  'support-plan.version-read': {
    nl: 'Eerdere versie van het plan bekeken',
    en: 'Earlier version of the plan viewed',
  },
  'support-plan.agreement': {
    nl: 'Instemming met het plan vastgelegd',
    en: 'Agreement with the plan recorded',
  },
  'support-plan.evaluation': { nl: 'Plan geëvalueerd', en: 'Plan evaluated' },
  'support-plan.overdue-list': {
    nl: 'Lijst van evaluaties bekeken',
    en: 'List of evaluations viewed',
  },
  'support-plan.from-decision': {
    nl: 'Besluit van het overleg in het plan opgenomen',
    en: 'Meeting decision added to the plan',
  },
  'support-plan.decision-items': {
    nl: 'Plan bij een besluit bekeken',
    en: 'Plan items of a decision viewed',
  },
  'support-plan.shared-read': {
    nl: 'Plan gedeeld met een specialist bekeken',
    en: 'Shared plan viewed by a specialist',
  },
  'intervision-case.create': {
    nl: 'Geanonimiseerde kopie voor intervisie gemaakt',
    en: 'Anonymised copy for peer consultation made',
  },
  'intervision-case.list': {
    nl: 'Intervisiecasussen bekeken',
    en: 'Peer consultation cases listed',
  },
  'intervision-case.read': { nl: 'Intervisiecasus bekeken', en: 'Peer consultation case viewed' },
  'intervision-case.review': {
    nl: 'Intervisiecasus beoordeeld',
    en: 'Peer consultation case reviewed',
  },
  'intervision-case.release': {
    nl: 'Intervisiecasus vrijgegeven',
    en: 'Peer consultation case released',
  },
  'intervision-case.source': {
    nl: 'Herkomst van een intervisiecasus bekeken',
    en: 'Origin of a peer consultation case viewed',
  },
  'intervision-session.start': {
    nl: 'Intervisiesessie gestart',
    en: 'Peer consultation session started',
  },
  'intervision-session.read': {
    nl: 'Intervisiesessie bekeken',
    en: 'Peer consultation session viewed',
  },
  'intervision-session.list': {
    nl: 'Eigen intervisiesessies bekeken',
    en: 'Own peer consultation sessions listed',
  },
  'intervision-session.end': {
    nl: 'Intervisiesessie afgesloten',
    en: 'Peer consultation session ended',
  },
  'intervision-attendance.list': {
    nl: 'Presentie van intervisie bekeken',
    en: 'Peer consultation attendance viewed',
  },
  'intervision-attendance.export': {
    nl: 'Presentielijst van intervisie gedownload',
    en: 'Peer consultation attendance record downloaded',
  },
  'family-conference.list': {
    nl: 'Familienetwerkberaden bekeken',
    en: 'Family group conferences listed',
  },
  'family-conference.circle': {
    nl: 'Kring voor een familienetwerkberaad bekeken',
    en: 'Circle for a family group conference viewed',
  },
  'family-conference.create': {
    nl: 'Familienetwerkberaad voorbereid',
    en: 'Family group conference prepared',
  },
  'family-conference.read': {
    nl: 'Familienetwerkberaad bekeken',
    en: 'Family group conference viewed',
  },
  'family-conference.update': {
    nl: 'Familienetwerkberaad gewijzigd',
    en: 'Family group conference changed',
  },
  'family-conference.invite': {
    nl: 'Uitnodiging voor het familienetwerkberaad gemaakt',
    en: 'Invitation to the family group conference made',
  },
  'family-conference.revoke': {
    nl: 'Uitnodiging voor het familienetwerkberaad ingetrokken',
    en: 'Invitation to the family group conference withdrawn',
  },
  'family-conference.circle-remove': {
    nl: 'Iemand uit de kring van het familienetwerkberaad gehaald',
    en: 'Someone removed from the family group conference circle',
  },
  'family-conference.start': {
    nl: 'Familienetwerkberaad gestart',
    en: 'Family group conference started',
  },
  'family-conference.plan-read': { nl: 'Familiegroepsplan bekeken', en: 'Family plan viewed' },
  'family-conference.plan-update': {
    nl: 'Familiegroepsplan vastgelegd',
    en: 'Family plan recorded',
  },
  'family-conference.bottom-line': {
    nl: 'Ondergrens vastgelegd of gecontroleerd',
    en: 'Bottom line set or checked',
  },
  'family-conference.accept': { nl: 'Familiegroepsplan geaccepteerd', en: 'Family plan accepted' },
  'family-conference.follow-up': {
    nl: 'Opvolging van het familiegroepsplan vastgelegd',
    en: 'Follow-up of the family plan recorded',
  },
  'family-conference.export': { nl: 'Familiegroepsplan gedownload', en: 'Family plan downloaded' },
  'family-conference.join': {
    nl: 'Familienetwerkberaad bijgewoond',
    en: 'Family group conference joined',
  },
  'family-conference.command': {
    nl: 'Bijgedragen aan het familienetwerkberaad',
    en: 'Contributed to the family group conference',
  },
  'conference.sign-in': {
    nl: 'Deelnemer aan het familienetwerkberaad logde in',
    en: 'Participant of the family group conference signed in',
  },
  'conference.session': {
    nl: 'Deelnemer bekeek de eigen toegang',
    en: 'Participant viewed their own access',
  },
};

/** For an action recorded under a code this version does not know (older or newer rows). */
const ACTION_FALLBACK: Words = { nl: 'Gegevens gebruikt', en: 'Data used' };

export const OUTCOME_WORDS: Readonly<Record<AuditOutcome, Words>> = {
  allowed: { nl: 'Toegestaan', en: 'Allowed' },
  denied: { nl: 'Geweigerd', en: 'Refused' },
  failed: { nl: 'Mislukt', en: 'Failed' },
};

/** Roles as `actorRole()` records them. */
export const ROLE_WORDS: Readonly<Record<string, Words>> = {
  guest: { nl: 'Externe specialist (gast)', en: 'External specialist (guest)' },
  family: { nl: 'U of uw gezin', en: 'You or your family' },
  network: {
    nl: 'Iemand uit het netwerk (familienetwerkberaad)',
    en: 'Someone from the network (family group conference)',
  },
  'team-leader': { nl: 'Teamleider', en: 'Team leader' },
  chair: { nl: 'Voorzitter van het overleg', en: 'Meeting chair' },
  trainer: { nl: 'Trainer', en: 'Trainer' },
  member: { nl: 'Professional van het team', en: 'Professional of the team' },
  'org-admin': { nl: 'Beheerder van de organisatie', en: 'Administrator of the organisation' },
  user: { nl: 'Medewerker', en: 'Employee' },
};
const ROLE_FALLBACK: Words = { nl: 'Medewerker', en: 'Employee' };
const SYSTEM_ROLE: Words = { nl: 'Het systeem', en: 'The system' };

/** Object types: which data was touched. */
export const DATA_WORDS: Readonly<Record<string, Words>> = {
  household: { nl: 'Gegevens van het huishouden', en: 'Household data' },
  person: { nl: 'Gegevens van een gezinslid', en: 'Data of a household member' },
  'network-person': { nl: 'Netwerk van het huishouden', en: 'The household’s network' },
  'network-map': { nl: 'Genogram en ecogram', en: 'Genogram and ecomap' },
  'genogram-link': { nl: 'Relatie in het genogram', en: 'Relation in the genogram' },
  'eco-tie': { nl: 'Contact in het ecogram', en: 'Tie in the ecomap' },
  'network-map-version': {
    nl: 'Versie van genogram en ecogram',
    en: 'Version of genogram and ecomap',
  },
  consent: { nl: 'Toestemmingen', en: 'Consents' },
  'access-log': { nl: 'Inzageoverzicht', en: 'Access overview' },
  case: { nl: 'Casus', en: 'Case' },
  'zrm-assessment': { nl: 'Zelfredzaamheidsmatrix (ZRM)', en: 'Self-sufficiency matrix (ZRM)' },
  'meldcode-record': {
    nl: 'Meldcode huiselijk geweld',
    en: 'Domestic violence reporting code',
  },
  preparation: { nl: 'Voorbereiding van de bespreking', en: 'Preparation of the discussion' },
  meeting: { nl: 'Overleg', en: 'Meeting' },
  'meeting-series': { nl: 'Overlegreeks', en: 'Meeting series' },
  'agenda-item': { nl: 'Agendapunt', en: 'Agenda item' },
  note: { nl: 'Gespreksaantekeningen', en: 'Meeting notes' },
  decision: { nl: 'Besluit', en: 'Decision' },
  action: { nl: 'Afspraak', en: 'Agreed action' },
  minutes: { nl: 'Verslag', en: 'Minutes' },
  'guest-invitation': { nl: 'Uitnodiging externe specialist', en: 'Invitation of a specialist' },
  'family-invitation': { nl: 'Link voor het gezin', en: 'Link for the family' },
  timeline: { nl: 'Verloop van de hulp', en: 'Course of the help' },
  'family-plan': { nl: 'Het plan van het gezin', en: 'The family’s plan' },
  team: { nl: 'Team', en: 'Team' },
  member: { nl: 'Teamlid', en: 'Team member' },
  membership: { nl: 'Teamlidmaatschap', en: 'Team membership' },
  organisation: { nl: 'Organisatie', en: 'Organisation' },
  user: { nl: 'Account', en: 'Account' },
  'support-plan': { nl: 'Ondersteuningsplan', en: 'Support plan' },
  'family-conference': { nl: 'Familienetwerkberaad', en: 'Family group conference' },
  'family-conference-plan': { nl: 'Familiegroepsplan', en: 'Family plan' },
  'conference-invitation': {
    nl: 'Uitnodiging voor het familienetwerkberaad',
    en: 'Invitation to the family group conference',
  },
  'bottom-line': { nl: 'Ondergrens (veiligheidsvoorwaarde)', en: 'Bottom line (safety condition)' },
  'intervision-case': {
    nl: 'Intervisiecasus (geanonimiseerd)',
    en: 'Peer consultation case (anonymised)',
  },
  'intervision-session': { nl: 'Intervisiesessie', en: 'Peer consultation session' },
  'intervision-attendance': { nl: 'Presentie van intervisie', en: 'Peer consultation attendance' },
};
const DATA_FALLBACK: Words = { nl: 'Overige gegevens', en: 'Other data' };

/** Purposes recorded with the access. */
export const PURPOSE_WORDS: Readonly<Record<string, Words>> = {
  casusregie: { nl: 'Regie op de hulp', en: 'Coordinating the help' },
  casuistiekoverleg: { nl: 'Bespreking in het casusoverleg', en: 'Discussion in the case meeting' },
  mdo: { nl: 'Multidisciplinair overleg', en: 'Multidisciplinary meeting' },
  inzageverzoek: { nl: 'Uw verzoek om inzage', en: 'Your request for access' },
  bootstrap: { nl: 'Inrichting van het systeem', en: 'Setting up the system' },
  delen: {
    nl: 'Delen met een specialist buiten het team',
    en: 'Sharing with a specialist outside the team',
  },
  familienetwerkberaad: {
    nl: 'Het familienetwerkberaad van uw familie',
    en: 'Your family’s family group conference',
  },
  intervisie: {
    nl: 'Geanonimiseerd gebruikt voor intervisie',
    en: 'Used anonymised for peer consultation',
  },
};
const PURPOSE_FALLBACK: Words = { nl: 'Uitvoering van de hulp', en: 'Providing the help' };

function pick(table: Readonly<Record<string, Words>>, code: string): Words | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

/** Plain words for one access, in the requested language; never the raw code. */
export const accessWords = {
  action(code: string, lang: AccessLogLanguage): string {
    return (pick(ACTION_WORDS, code) ?? ACTION_FALLBACK)[lang];
  },
  outcome(code: string, lang: AccessLogLanguage): string {
    return (pick(OUTCOME_WORDS, code) ?? OUTCOME_WORDS.failed)[lang];
  },
  role(code: string | null, lang: AccessLogLanguage): string {
    if (code === null) return SYSTEM_ROLE[lang];
    return (pick(ROLE_WORDS, code) ?? ROLE_FALLBACK)[lang];
  },
  data(code: string | null, lang: AccessLogLanguage): string | null {
    if (code === null) return null;
    return (pick(DATA_WORDS, code) ?? DATA_FALLBACK)[lang];
  },
  purpose(code: string | null, lang: AccessLogLanguage): string | null {
    if (code === null) return null;
    return (pick(PURPOSE_WORDS, code) ?? PURPOSE_FALLBACK)[lang];
  },
};

/** Column headers of the CSV. */
export const CSV_HEADERS: Readonly<Record<AccessLogLanguage, readonly string[]>> = {
  nl: ['Datum en tijd', 'Wie (rol)', 'Organisatie', 'Wat', 'Welke gegevens', 'Doel', 'Resultaat'],
  en: ['Date and time', 'Who (role)', 'Organisation', 'What', 'Which data', 'Purpose', 'Outcome'],
};
