import type { MinutesView } from '@casustafel/contracts';
import {
  AGENDA_ITEM_KIND_LABELS,
  ACTION_STATUS_LABELS,
  type ActionStatus,
  type AgendaItemKind,
  type AgendaItemStatus,
  DISCUSSION_PHASE_LABELS,
  type LiveRole,
  phaseMinutes,
  spentMinutes,
} from '@casustafel/domain';
import type { DocumentLanguage, PdfContent, PdfDefinition } from '../documents/pdf';

/** Everything the minutes PDF shows, resolved by the api before rendering (plain data). */
export interface MinutesPdfInput {
  minutes: MinutesView;
  language: DocumentLanguage;
  /** Display names per user id (attendees, deciders, action owners, approver). */
  names: Record<string, string>;
  team: string;
  organisation: string;
  /** The case discussed, per agenda item id (case items only). */
  caseTitles: Record<string, string>;
}

const ROLE: Record<DocumentLanguage, Record<LiveRole, string>> = {
  nl: {
    chair: 'voorzitter',
    timekeeper: 'tijdbewaker',
    'minute-taker': 'notulist',
    member: 'lid',
    guest: 'gast',
  },
  en: {
    chair: 'chair',
    timekeeper: 'timekeeper',
    'minute-taker': 'minute taker',
    member: 'member',
    guest: 'guest',
  },
};

const KIND: Record<DocumentLanguage, Record<AgendaItemKind, string>> = {
  nl: AGENDA_ITEM_KIND_LABELS,
  en: {
    casusbespreking: 'Case discussion',
    'opvolging-acties': 'Follow-up of actions',
    mededeling: 'Announcement',
    overig: 'Other',
  },
};

const ITEM_STATUS: Record<DocumentLanguage, Record<AgendaItemStatus, string>> = {
  nl: {
    gepland: 'gepland',
    actief: 'actief',
    besproken: 'besproken',
    overgeslagen: 'overgeslagen',
  },
  en: {
    gepland: 'planned',
    actief: 'in progress',
    besproken: 'discussed',
    overgeslagen: 'skipped',
  },
};

const ACTION_STATUS: Record<DocumentLanguage, Record<ActionStatus, string>> = {
  nl: ACTION_STATUS_LABELS,
  en: { open: 'Open', gereed: 'Done', vervallen: 'Cancelled' },
};

const TEXT = {
  nl: {
    locale: 'nl-NL',
    team: 'Team',
    organisation: 'Organisatie',
    approved: (by: string, at: string) => `Vastgesteld door ${by} op ${at}`,
    draft: 'Concept',
    present: 'Aanwezig',
    absent: 'Afwezig',
    none: 'Niemand',
    case: 'Casus',
    question: 'Vraag aan het team: ',
    time: 'Tijd: ',
    minutes: (n: number) => `${n} min`,
    notes: 'Aantekeningen',
    decisions: 'Besluiten',
    grounds: 'onderbouwing',
    actions: 'Acties',
    due: 'uiterlijk',
    unknown: 'Onbekend',
  },
  en: {
    locale: 'en-GB',
    team: 'Team',
    organisation: 'Organisation',
    approved: (by: string, at: string) => `Approved by ${by} on ${at}`,
    draft: 'Draft',
    present: 'Present',
    absent: 'Absent',
    none: 'Nobody',
    case: 'Case',
    question: 'Question to the team: ',
    time: 'Time: ',
    minutes: (n: number) => `${n} min`,
    notes: 'Notes',
    decisions: 'Decisions',
    grounds: 'grounds',
    actions: 'Actions',
    due: 'due',
    unknown: 'Unknown',
  },
} as const;

const PHASE = {
  nl: DISCUSSION_PHASE_LABELS,
  en: {
    inbreng: 'Presentation',
    vraagverheldering: 'Clarifying the question',
    ordening: 'Ordering',
    oplossingen: 'Solutions',
    besluit: 'Decision',
  },
} as const;

const TIME_ZONE = 'Europe/Amsterdam';

/**
 * The minutes (verslag) as a PDF definition, in Dutch or English: team and organisation, the
 * attendance with role words, per item the case discussed (the minutes are for the team), the
 * question, notes, decisions and actions. Rendered by the documents worker (documents.worker.ts).
 */
export function minutesPdfDefinition(input: MinutesPdfInput): PdfDefinition {
  const { minutes, language } = input;
  const t = TEXT[language];
  const nameOf = (userId: string) => input.names[userId] ?? t.unknown;
  const when = (iso: string) => new Date(iso).toLocaleString(t.locale, { timeZone: TIME_ZONE });
  const attendee = (a: MinutesView['attendance']['present'][number]) =>
    `${a.name ?? nameOf(a.userId)} (${ROLE[language][a.role]})`;
  const people = (list: MinutesView['attendance']['present']) =>
    list.length === 0 ? { text: t.none, italics: true } : { ul: list.map(attendee) };

  const content: PdfContent[] = [
    { text: minutes.title, style: 'title' },
    {
      text: `${when(minutes.start)} – ${new Date(minutes.end).toLocaleTimeString(t.locale, { timeZone: TIME_ZONE })}`,
    },
    { text: [{ text: `${t.team}: `, bold: true }, input.team] },
    { text: [{ text: `${t.organisation}: `, bold: true }, input.organisation] },
    {
      text:
        minutes.status === 'approved'
          ? t.approved(nameOf(minutes.approvedByUserId ?? ''), when(minutes.approvedAt ?? ''))
          : t.draft,
      italics: true,
      margin: [0, 4, 0, 10],
    },
    { text: t.present, style: 'heading' },
    people(minutes.attendance.present),
    { text: t.absent, style: 'heading' },
    people(minutes.attendance.absent),
  ];
  for (const item of minutes.items) {
    const kind = KIND[language][item.kind] ?? item.kind;
    const caseTitle = input.caseTitles[item.itemId];
    const name = caseTitle ? `${kind}: ${caseTitle}` : item.title || kind;
    content.push({
      text: `${item.order + 1}. ${name} (${ITEM_STATUS[language][item.status] ?? item.status})`,
      style: 'heading',
    });
    if (caseTitle) content.push({ text: [{ text: `${t.case}: `, bold: true }, caseTitle] });
    if (item.question) content.push({ text: [{ text: t.question, bold: true }, item.question] });
    if (item.timeSpentMs !== undefined) {
      const phases = phaseMinutes(item.phaseMs).map(
        (p) => `${PHASE[language][p.phase]} ${t.minutes(p.minutes)}`,
      );
      const total = t.minutes(spentMinutes(item.timeSpentMs));
      content.push({
        text: [
          { text: t.time, bold: true },
          phases.length === 0 ? total : `${total} (${phases.join(', ')})`,
        ],
      });
    }
    content.push({ text: t.notes, bold: true, margin: [0, 6, 0, 0] });
    content.push(item.notes.trim() === '' ? { text: '—', italics: true } : item.notes);
    if (item.decisions.length > 0) {
      content.push({ text: t.decisions, bold: true, margin: [0, 6, 0, 0] });
      content.push({
        ul: item.decisions.map(
          (d) =>
            `${d.typeLabel}: ${d.text} — ${t.grounds}: ${d.rationale} (${nameOf(d.decidedByUserId)})`,
        ),
      });
    }
    if (item.actions.length > 0) {
      content.push({ text: t.actions, bold: true, margin: [0, 6, 0, 0] });
      content.push({
        ul: item.actions.map(
          (a) =>
            `${a.description} — ${nameOf(a.ownerUserId)}, ${t.due} ${a.due} (${ACTION_STATUS[language][a.status]})`,
        ),
      });
    }
  }
  return {
    title: minutes.title,
    language,
    content,
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      heading: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
    },
  };
}
