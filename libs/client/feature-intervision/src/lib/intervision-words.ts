import type { IntervisionSection, IntervisionSpan } from '@casustafel/contracts';
import {
  type ApiFailure,
  failureDetails,
  failureMessageKey,
  refusalKeyOf,
} from '@casustafel/client/data-access';

/** A text to show: a translation key and its parameters. */
export interface Message {
  key: string;
  params: Record<string, string>;
}

/**
 * Issues with a text of intervision's own (`intervision.issues.<issue>`); the api's other
 * refusal codes have the texts of `refusals.<code>`.
 */
const KNOWN_ISSUES = new Set(['not-a-member']);

/** The translation key of an issue, or null for one without a text (zod's, free text). */
function issueKey(issue: string): string | null {
  return KNOWN_ISSUES.has(issue) ? `intervision.issues.${issue}` : refusalKeyOf(issue);
}

/** Sections with a translated title (`intervision.sections.<key>`); others keep the api's. */
const KNOWN_SECTIONS = new Set([
  'title',
  'vraag',
  'tijdlijn',
  'krachten',
  'zorgen',
  'geprobeerd',
  'opties',
  'voorgesteldBesluit',
  'ondergrenzen',
  'sosZorgen',
  'sosWatGaatGoed',
  'sosWatMoetErGebeuren',
]);

/** The translation key of a section's title, or null to show the api's Dutch title. */
export function sectionTitleKey(key: string): string | null {
  return KNOWN_SECTIONS.has(key) ? `intervision.sections.${key}` : null;
}

/**
 * What a refusal says: the text of its error code first, then one line per issue the api
 * reported that has a text of its own (a section named by its title).
 */
export function failureMessages(
  failure: ApiFailure,
  sectionTitle: (key: string) => string,
): Message[] {
  const out: Message[] = [{ key: failureMessageKey(failure), params: {} }];
  for (const detail of failureDetails(failure)) {
    const key = issueKey(detail.issue);
    if (!key) continue;
    const section = detail.path.startsWith('sections.') ? detail.path.slice(9) : '';
    const message = {
      key,
      params: { section: section ? sectionTitle(section) : '' },
    };
    if (!out.some((m) => m.key === message.key && m.params['section'] === message.params.section))
      out.push(message);
  }
  return out;
}

/** The word a mark carries: its category, or what the review decided for a flagged word. */
export function markLabel(span: IntervisionSpan): string {
  if (span.label !== 'candidate') return span.label;
  if (span.decision === 'keep') return 'kept';
  if (span.decision === 'redact') return 'removed';
  return 'candidate';
}

/** A piece of a section's text: plain, or a span with its label. */
export interface Segment {
  text: string;
  mark: { label: string; open: boolean; index: number } | null;
}

/** Cuts a section's text at its spans (spans are sorted and do not overlap). */
export function segments(section: IntervisionSection): Segment[] {
  const out: Segment[] = [];
  let cursor = 0;
  section.spans.forEach((span, index) => {
    if (span.start < cursor || span.end > section.text.length) return;
    if (span.start > cursor) out.push({ text: section.text.slice(cursor, span.start), mark: null });
    out.push({
      text: section.text.slice(span.start, span.end),
      mark: { label: markLabel(span), open: span.decision === 'open', index },
    });
    cursor = span.end;
  });
  if (cursor < section.text.length) out.push({ text: section.text.slice(cursor), mark: null });
  return out;
}
