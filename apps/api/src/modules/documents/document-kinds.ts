import type { FamilyPlanPdfInput } from '../household-story/family-plan';
import type { MinutesPdfInput } from '../meeting-records/minutes-pdf';
import type { AnonymiseSectionsInput, IdentifierCheckInput } from '../intervision/intervision-work';
import type { AttendancePdfInput } from '../intervision/attendance-pdf';
import type { PdfFontFiles } from './pdf-fonts';

/**
 * Every document the api renders, with the plain-data input it needs. A new document (plan,
 * attendance record, export) adds a kind here and a renderer in documents.worker.ts; callers
 * go through DocumentsService, so every document is rendered off the event loop, bounded.
 */
export interface DocumentInputs {
  'minutes-pdf': MinutesPdfInput;
  'family-plan-pdf': FamilyPlanPdfInput;
  /** Not a document, but CPU-heavy in the same way: an intervision copy's anonymisation. */
  'intervision-anonymise': AnonymiseSectionsInput;
  /** The release gate's second look at a copy against the case record. */
  'intervision-check': IdentifierCheckInput;
  /** Intervision attendance for accreditation, per session or per period. */
  'intervision-attendance-pdf': AttendancePdfInput;
}
export type DocumentKind = keyof DocumentInputs;

/** What the main thread posts to a document worker (structured-cloned). */
export interface DocumentTask<K extends DocumentKind = DocumentKind> {
  kind: K;
  input: DocumentInputs[K];
  fonts: PdfFontFiles;
}
