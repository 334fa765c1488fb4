import type { IntervisionAttendance } from '@casustafel/contracts';
import { INTERVISION_ROLE_LABELS, type IntervisionRole } from '@casustafel/domain';
import type { DocumentLanguage, PdfContent, PdfDefinition } from '../documents/pdf';

/**
 * An attendance record of intervision (issue 14 §4), for accreditation: per session (everyone
 * who took part) or per period (one's own sessions). Plain data, rendered in a document worker.
 */
export interface AttendancePdfInput {
  language: DocumentLanguage;
  /** Per session: the method and trainer of that session; per period: whose record it is. */
  scope:
    { kind: 'session' } | { kind: 'period'; participantName: string; from: string; to: string };
  records: IntervisionAttendance[];
  generatedAt: string;
}

const ROLE_WORDS_EN: Readonly<Record<IntervisionRole, string>> = {
  inbrenger: 'Case presenter',
  gespreksleider: 'Facilitator',
  timekeeper: 'Timekeeper',
  deelnemer: 'Participant',
};

export const ATTENDANCE_WORDS = {
  nl: {
    title: 'Presentielijst intervisie',
    periodTitle: 'Overzicht deelname aan intervisie',
    intro:
      'Deelname aan intervisie: onderlinge reflectie op een geanonimiseerde casus uit de praktijk.',
    participant: 'Deelnemer',
    period: 'Periode',
    date: 'Datum',
    time: 'Tijd',
    duration: 'Duur',
    minutes: 'min',
    method: 'Methode',
    trainer: 'Trainer',
    role: 'Rol',
    total: 'Totaal',
    sessions: 'sessies',
    none: 'Geen deelname in deze periode.',
    made: 'Gemaakt op',
    roles: INTERVISION_ROLE_LABELS as Readonly<Record<IntervisionRole, string>>,
  },
  en: {
    title: 'Peer consultation attendance record',
    periodTitle: 'Peer consultation attendance overview',
    intro: 'Attendance of peer consultation (intervisie): reflection on an anonymised case.',
    participant: 'Participant',
    period: 'Period',
    date: 'Date',
    time: 'Time',
    duration: 'Duration',
    minutes: 'min',
    method: 'Method',
    trainer: 'Trainer',
    role: 'Role',
    total: 'Total',
    sessions: 'sessions',
    none: 'No attendance in this period.',
    made: 'Made on',
    roles: ROLE_WORDS_EN,
  },
} as const;

/** HH:MM in Dutch time. */
function clock(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function attendancePdfDefinition(input: AttendancePdfInput): PdfDefinition {
  const { language, scope, records } = input;
  const w = ATTENDANCE_WORDS[language];
  const first = records[0];
  const title = scope.kind === 'session' ? w.title : w.periodTitle;
  const facts: PdfContent[] =
    scope.kind === 'session' && first
      ? [
          { text: `${w.method}: ${first.method.name} (v${first.method.version})` },
          { text: `${w.trainer}: ${first.trainerName}` },
          {
            text: `${w.date}: ${first.date}, ${clock(first.startedAt)}–${clock(first.endedAt)} (${first.minutes} ${w.minutes})`,
          },
        ]
      : scope.kind === 'period'
        ? [
            { text: `${w.participant}: ${scope.participantName}` },
            { text: `${w.period}: ${scope.from} – ${scope.to}` },
          ]
        : [];
  const header =
    scope.kind === 'session'
      ? [w.participant, w.role, w.duration]
      : [w.date, w.time, w.method, w.trainer, w.role, w.duration];
  const rows = records.map((r) =>
    scope.kind === 'session'
      ? [r.participantName, w.roles[r.role], `${r.minutes} ${w.minutes}`]
      : [
          r.date,
          `${clock(r.startedAt)}–${clock(r.endedAt)}`,
          `${r.method.name} (v${r.method.version})`,
          r.trainerName,
          w.roles[r.role],
          `${r.minutes} ${w.minutes}`,
        ],
  );
  const total = records.reduce((sum, r) => sum + r.minutes, 0);
  return {
    title,
    language,
    content: [
      { text: title, style: 'h1' },
      { text: w.intro, margin: [0, 0, 0, 8] },
      ...facts,
      { text: `${w.made}: ${input.generatedAt.slice(0, 10)}`, margin: [0, 0, 0, 8] },
      records.length === 0
        ? { text: w.none, italics: true }
        : {
            table: {
              headerRows: 1,
              widths: header.map((_, i) => (i === 0 && scope.kind === 'session' ? '*' : 'auto')),
              body: [header.map((text) => ({ text, bold: true })), ...rows],
            },
            layout: 'lightHorizontalLines',
          },
      ...(scope.kind === 'period' && records.length > 0
        ? [
            {
              text: `${w.total}: ${records.length} ${w.sessions}, ${total} ${w.minutes}`,
              bold: true,
              margin: [0, 8, 0, 0],
            },
          ]
        : []),
    ],
    styles: { h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] } },
  };
}
