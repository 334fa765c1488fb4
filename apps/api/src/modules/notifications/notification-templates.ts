import type { NotificationKind, NotificationParams } from '@casustafel/contracts';

export type MailLanguage = 'nl' | 'en';

const formatters = {
  nl: new Intl.DateTimeFormat('nl-NL', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }),
};

const dayFormatters = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'full', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }),
};

interface Texts {
  when: string;
  due: string;
  team: string;
}

type Template = (t: Texts) => { subject: string; body: string };

/**
 * E-mail texts per kind, Dutch and English. They name a team, a date and a link, never a case, a
 * client or an action's description: e-mail is not a safe place for client data, and the link
 * leads to the app, which shows the rest to whoever may see it.
 */
const TEMPLATES: Record<MailLanguage, Record<NotificationKind, Template>> = {
  nl: {
    'agenda-published': (t) => ({
      subject: `Agenda gepubliceerd: overleg ${t.team} op ${t.when}`,
      body: `De agenda van het casuïstiekoverleg van ${t.team} op ${t.when} is gepubliceerd. De uitnodiging voor uw agenda zit als bijlage bij dit bericht.`,
    }),
    'guest-invited': (t) => ({
      subject: `Uitgenodigd als gast: overleg op ${t.when}`,
      body: `U bent als gast uitgenodigd voor het casuïstiekoverleg op ${t.when}. De eenmalige code ontvangt u in een apart bericht.`,
    }),
    'action-assigned': (t) => ({
      subject: `Nieuwe actie voor u (${t.team}), deadline ${t.due}`,
      body: `Er is een actie aan u toegewezen in het overleg van ${t.team}. Deadline: ${t.due}.`,
    }),
    'action-due': (t) => ({
      subject: `Actie verloopt vandaag (${t.team})`,
      body: `Een actie van u uit het overleg van ${t.team} heeft vandaag (${t.due}) als deadline.`,
    }),
    'action-overdue': (t) => ({
      subject: `Actie over de deadline (${t.team})`,
      body: `Een actie van u uit het overleg van ${t.team} is over de deadline (${t.due}).`,
    }),
    'evaluation-due': (t) => ({
      subject: `Evaluatie gepland op ${t.due}`,
      body: `Er staat een evaluatie voor u klaar met als datum ${t.due}.`,
    }),
    'meeting-cancelled': (t) => ({
      subject: `Overleg ${t.team} op ${t.when} gaat niet door`,
      body: `Het casuïstiekoverleg van ${t.team} op ${t.when} is geannuleerd.`,
    }),
    'conference-follow-up': (t) => ({
      subject: `Nabellen na het familienetwerkberaad (${t.team})`,
      body: `Vier weken geleden is een familiegroepsplan geaccepteerd waarbij u coördinator was. Bel de familie na (${t.due}): gaat het zoals afgesproken?`,
    }),
  },
  en: {
    'agenda-published': (t) => ({
      subject: `Agenda published: ${t.team} meeting on ${t.when}`,
      body: `The agenda of the ${t.team} case meeting on ${t.when} has been published. The calendar invitation is attached to this message.`,
    }),
    'guest-invited': (t) => ({
      subject: `Invited as a guest: meeting on ${t.when}`,
      body: `You have been invited as a guest to the case meeting on ${t.when}. You will receive the one-time code in a separate message.`,
    }),
    'action-assigned': (t) => ({
      subject: `New action for you (${t.team}), due ${t.due}`,
      body: `An action has been assigned to you in the ${t.team} meeting. Due: ${t.due}.`,
    }),
    'action-due': (t) => ({
      subject: `Action due today (${t.team})`,
      body: `One of your actions from the ${t.team} meeting is due today (${t.due}).`,
    }),
    'action-overdue': (t) => ({
      subject: `Action overdue (${t.team})`,
      body: `One of your actions from the ${t.team} meeting is overdue (due ${t.due}).`,
    }),
    'evaluation-due': (t) => ({
      subject: `Evaluation due on ${t.due}`,
      body: `An evaluation is due for you on ${t.due}.`,
    }),
    'meeting-cancelled': (t) => ({
      subject: `${t.team} meeting on ${t.when} is cancelled`,
      body: `The ${t.team} case meeting on ${t.when} has been cancelled.`,
    }),
    'conference-follow-up': (t) => ({
      subject: `Follow-up call after the family group conference (${t.team})`,
      body: `Four weeks ago a family plan was accepted at a conference you coordinated. Call the family (${t.due}): is it going as agreed?`,
    }),
  },
};

const FOOTER: Record<MailLanguage, (link: string, settings: string) => string[]> = {
  nl: (link, settings) => [
    `Openen in Casustafel: ${link}`,
    '',
    `U ontvangt dit bericht omdat u dit in Casustafel hebt aangezet. Wijzigen: ${settings}`,
  ],
  en: (link, settings) => [
    `Open in Casustafel: ${link}`,
    '',
    `You receive this message because you chose to in Casustafel. Change: ${settings}`,
  ],
};

/** Subject and plain text of a notification e-mail. */
export function renderNotificationMail(
  kind: NotificationKind,
  params: NotificationParams,
  language: MailLanguage,
  publicUrl: URL,
): { subject: string; text: string } {
  const texts: Texts = {
    when: params.startsAt ? formatters[language].format(new Date(params.startsAt)) : '',
    due: params.due ? dayFormatters[language].format(new Date(`${params.due}T00:00:00Z`)) : '',
    team: params.teamName ?? '',
  };
  const { subject, body } = TEMPLATES[language][kind](texts);
  const link = new URL(
    params.meetingId ? `/overleggen/${params.meetingId}` : '/meldingen',
    publicUrl,
  ).toString();
  const settings = new URL('/meldingen', publicUrl).toString();
  return { subject, text: [body, '', ...FOOTER[language](link, settings), ''].join('\n') };
}
