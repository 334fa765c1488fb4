import type { IntervisionSection, IntervisionSpan } from '@casustafel/contracts';
import { anonymise, fold, type KnownEntities } from '@casustafel/domain';

/**
 * The CPU-heavy part of intervision copies, as plain functions of plain data: run in the
 * documents worker pool (documents.worker.ts), off the api's event loop. No Nest, no database.
 */

/** What the case record knows, plus values the release gate searches for verbatim. */
export type CaseKnowledge = KnownEntities & { extra: string[] };

export interface AnonymiseSectionsInput {
  title: string;
  parts: { key: string; text: string }[];
  known: KnownEntities;
}
export interface AnonymisedSections {
  title: string;
  sections: IntervisionSection[];
}
export interface IdentifierCheckInput {
  title: string;
  sections: IntervisionSection[];
  known: CaseKnowledge;
}

/** The texts of a case that go into a copy, in this order, with their Dutch titles. */
export const SECTION_TITLES: Readonly<Record<string, string>> = {
  vraag: 'Vraag aan de groep',
  tijdlijn: 'Feiten (tijdlijn)',
  krachten: 'Krachten',
  zorgen: 'Zorgen',
  geprobeerd: 'Wat is geprobeerd',
  opties: 'Opties',
  voorgesteldBesluit: 'Voorgesteld besluit',
  ondergrenzen: 'Ondergrenzen',
  sosZorgen: 'Signs of Safety: zorgen',
  sosWatGaatGoed: 'Signs of Safety: wat gaat goed',
  sosWatMoetErGebeuren: 'Signs of Safety: wat moet er gebeuren',
};
/** Splits the texts of one copy, anonymised together so pseudonyms and numbering agree. */
const SEPARATOR = '\n§§§§\n';
const STRICT_LABELS = new Set(['name_known', 'bsn']);

/** Replaces ranges of a section's text, shifting the other spans (edits must not overlap). */
export function applyEdits(
  section: IntervisionSection,
  edits: {
    start: number;
    end: number;
    replacement: string;
    span: Omit<IntervisionSpan, 'start' | 'end'>;
  }[],
): IntervisionSection {
  if (edits.length === 0) return section;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  let delta = 0;
  const spans: IntervisionSpan[] = [];
  const shifted = (position: number): number => {
    let shift = 0;
    for (const edit of sorted)
      if (edit.end <= position) shift += edit.replacement.length - (edit.end - edit.start);
    return position + shift;
  };
  for (const edit of sorted) {
    out += section.text.slice(cursor, edit.start);
    const start = edit.start + delta;
    out += edit.replacement;
    spans.push({ ...edit.span, start, end: start + edit.replacement.length });
    delta += edit.replacement.length - (edit.end - edit.start);
    cursor = edit.end;
  }
  out += section.text.slice(cursor);
  for (const span of section.spans) {
    const overlaps = sorted.some((edit) => edit.start < span.end && span.start < edit.end);
    if (!overlaps) spans.push({ ...span, start: shifted(span.start), end: shifted(span.end) });
  }
  spans.sort((a, b) => a.start - b.start);
  return { ...section, text: out, spans };
}

export function openCandidates(sections: IntervisionSection[]): number {
  return sections.reduce(
    (sum, s) => sum + s.spans.filter((span) => span.decision === 'open').length,
    0,
  );
}

/** Word-boundary occurrences of a folded phrase in a folded text. */
export function occurrences(folded: string, phrase: string): number[] {
  const found: number[] = [];
  if (phrase.length < 2) return found;
  for (let i = folded.indexOf(phrase); i !== -1; i = folded.indexOf(phrase, i + 1)) {
    const before = i === 0 ? ' ' : (folded[i - 1] as string);
    const after = folded[i + phrase.length] ?? ' ';
    if (!/[\p{L}\d]/u.test(before) && !/[\p{L}\d]/u.test(after)) found.push(i);
  }
  return found;
}

export function anonymiseSections({
  title,
  parts,
  known,
}: AnonymiseSectionsInput): AnonymisedSections {
  const texts = [title, ...parts.map((part) => part.text)];
  const joined = texts.join(SEPARATOR);
  const result = anonymise(joined, known);
  // spans in the coordinates of the redacted text
  const spans: IntervisionSpan[] = [];
  let delta = 0;
  for (const span of result.spans) {
    const start = span.start + delta;
    spans.push({
      start,
      end: start + span.replacement.length,
      label: span.label,
      decision: span.label === 'candidate' ? 'open' : null,
    });
    delta += span.replacement.length - (span.end - span.start);
  }
  const pieces: { text: string; offset: number }[] = [];
  let offset = 0;
  for (const piece of result.redacted.split(SEPARATOR)) {
    pieces.push({ text: piece, offset });
    offset += piece.length + SEPARATOR.length;
  }
  const sectionOf = (index: number): IntervisionSection => {
    const piece = pieces[index] as { text: string; offset: number };
    return {
      key: index === 0 ? 'title' : (parts[index - 1] as { key: string }).key,
      title:
        index === 0
          ? 'Titel'
          : (SECTION_TITLES[(parts[index - 1] as { key: string }).key] as string),
      text: piece.text,
      spans: spans
        .filter(
          (span) => span.start >= piece.offset && span.end <= piece.offset + piece.text.length,
        )
        .map((span) => ({
          ...span,
          start: span.start - piece.offset,
          end: span.end - piece.offset,
        })),
    };
  };
  const titleSection = sectionOf(0);
  // a flagged word in the title is decided by the anonymiser's caution: it is redacted
  const cleanTitle = applyEdits(
    titleSection,
    titleSection.spans
      .filter((span) => span.decision === 'open')
      .map((span) => ({
        start: span.start,
        end: span.end,
        replacement: '[naam?]',
        span: { label: 'candidate' as const, decision: 'redact' as const },
      })),
  ).text;
  return {
    title: cleanTitle.slice(0, 200),
    sections: parts.map((_, index) => sectionOf(index + 1)),
  };
}

/** Sections (by key, "title" for the title) in which a known identifier is still found. */
export function identifiersLeft({ title, sections, known }: IdentifierCheckInput): string[] {
  const left: string[] = [];
  for (const section of [{ key: 'title', text: title }, ...sections]) {
    const again = anonymise(section.text, known);
    const folded = fold(section.text);
    const found =
      again.spans.some((span) => STRICT_LABELS.has(span.label)) ||
      known.extra.some((value) => occurrences(folded, fold(value.trim())).length > 0);
    if (found) left.push(section.key);
  }
  return left;
}
