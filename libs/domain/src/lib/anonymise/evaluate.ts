/**
 * Evaluation of the anonymiser against gold spans (issue 14 §3, `npm run anonymise -- --evaluate`).
 *
 * Matching rules:
 * - recall, per gold category: a gold span counts as found when every non-space character of it
 *   is covered by predicted spans. "Redacted" counts only redacting spans; "flagged" also counts
 *   `candidate` spans (shown to the reviewer). Known names and identifier patterns must be
 *   redacted; other person names may be redacted or flagged.
 * - precision, per predicted label: a predicted span is correct when it overlaps a gold span of
 *   any category (a phone number redacted as a case number is still removed). Redactions and
 *   flags are counted apart: flags are suggestions for the reviewer, not changes to the text.
 */
import { anonymise } from './anonymise';
import type { AnonymiseLabel, RawSpan } from './types';

export interface GoldDocument {
  id: string;
  text: string;
  known_names?: string[];
  spans: RawSpan[];
}

export interface CategoryScore {
  gold: number;
  redacted: number;
  flagged: number;
  recallRedacted: number;
  recallRedactedOrFlagged: number;
}

export interface PrecisionScore {
  predicted: number;
  correct: number;
  precision: number;
}

export interface EvaluationReport {
  documents: number;
  goldSpans: number;
  recall: Partial<Record<AnonymiseLabel | 'overall', CategoryScore>>;
  precision: Partial<Record<AnonymiseLabel | 'redactions' | 'flags', PrecisionScore>>;
  misses: { id: string; label: string; text: string; flagged: boolean }[];
  falsePositives: { id: string; label: string; text: string }[];
}

function covered(mask: Uint8Array, text: string, span: RawSpan): boolean {
  for (let k = span.start; k < span.end; k++)
    if (!mask[k] && !/\s/.test(text[k] as string)) return false;
  return true;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

export function evaluateAnonymiser(documents: readonly GoldDocument[]): EvaluationReport {
  const recall: Record<string, CategoryScore> = {};
  const precision: Record<string, PrecisionScore> = {};
  const misses: EvaluationReport['misses'] = [];
  const falsePositives: EvaluationReport['falsePositives'] = [];
  const bump = (label: string, redacted: boolean, flagged: boolean): void => {
    for (const key of [label, 'overall']) {
      const score = (recall[key] ??= {
        gold: 0,
        redacted: 0,
        flagged: 0,
        recallRedacted: 0,
        recallRedactedOrFlagged: 0,
      });
      score.gold++;
      if (redacted) score.redacted++;
      else if (flagged) score.flagged++;
    }
  };
  let goldSpans = 0;
  for (const document of documents) {
    const result = anonymise(document.text, { names: document.known_names ?? [] });
    const redactMask = new Uint8Array(document.text.length);
    const anyMask = new Uint8Array(document.text.length);
    for (const span of result.spans)
      for (let k = span.start; k < span.end; k++) {
        anyMask[k] = 1;
        if (span.label !== 'candidate') redactMask[k] = 1;
      }
    for (const gold of document.spans) {
      goldSpans++;
      const redacted = covered(redactMask, document.text, gold);
      const flagged = !redacted && covered(anyMask, document.text, gold);
      bump(gold.label, redacted, flagged);
      if (!redacted)
        misses.push({
          id: document.id,
          label: gold.label,
          text: document.text.slice(gold.start, gold.end),
          flagged,
        });
    }
    for (const span of result.spans) {
      const correct = document.spans.some((gold) => gold.start < span.end && span.start < gold.end);
      for (const key of [span.label, span.label === 'candidate' ? 'flags' : 'redactions']) {
        const score = (precision[key] ??= { predicted: 0, correct: 0, precision: 0 });
        score.predicted++;
        if (correct) score.correct++;
      }
      if (!correct)
        falsePositives.push({
          id: document.id,
          label: span.label,
          text: document.text.slice(span.start, span.end),
        });
    }
  }
  for (const score of Object.values(recall)) {
    score.recallRedacted = ratio(score.redacted, score.gold);
    score.recallRedactedOrFlagged = ratio(score.redacted + score.flagged, score.gold);
  }
  for (const score of Object.values(precision))
    score.precision = ratio(score.correct, score.predicted);
  return { documents: documents.length, goldSpans, recall, precision, misses, falsePositives };
}

/** The targets of issue 14 §3, checked against a report. Returns the failures (empty = met). */
export function checkAnonymiserTargets(report: EvaluationReport): string[] {
  const failures: string[] = [];
  for (const label of ['name_known', 'bsn', 'postcode', 'phone', 'email', 'iban'] as const) {
    const score = report.recall[label];
    if (score && score.recallRedacted < 1)
      failures.push(`${label}: recall ${score.recallRedacted} < 100 %`);
  }
  const names = report.recall.name;
  if (names && names.recallRedactedOrFlagged < 0.97)
    failures.push(`name: redacted or flagged ${names.recallRedactedOrFlagged} < 97 %`);
  const redactions = report.precision.redactions;
  if (redactions && redactions.precision < 0.85)
    failures.push(`precision ${redactions.precision} < 85 %`);
  return failures;
}
