import { familyPlanPdfDefinition } from '../household-story/family-plan';
import { attendancePdfDefinition } from '../intervision/attendance-pdf';
import { anonymiseSections, identifiersLeft } from '../intervision/intervision-work';
import { minutesPdfDefinition } from '../meeting-records/minutes-pdf';
import type { DocumentInputs, DocumentKind, DocumentTask } from './document-kinds';
import { renderPdf } from './pdf';
import type { PdfFontFiles } from './pdf-fonts';

/**
 * The document worker (a worker thread run by DocumentsService's pool; bundled on its own as
 * dist/apps/api/documents.worker.mjs). Renders one document per task; the CPU-heavy layout
 * work of pdfmake happens here, away from the api's event loop.
 */
const RENDERERS: {
  [K in DocumentKind]: (input: DocumentInputs[K], fonts: PdfFontFiles) => Promise<Buffer>;
} = {
  'minutes-pdf': (input, fonts) => renderPdf(minutesPdfDefinition(input), fonts),
  'family-plan-pdf': (input, fonts) => renderPdf(familyPlanPdfDefinition(input), fonts),
  'intervision-anonymise': async (input) =>
    Buffer.from(JSON.stringify(anonymiseSections(input)), 'utf8'),
  'intervision-check': async (input) => Buffer.from(JSON.stringify(identifiersLeft(input)), 'utf8'),
  'intervision-attendance-pdf': (input, fonts) => renderPdf(attendancePdfDefinition(input), fonts),
};

export default async function render(task: DocumentTask): Promise<Uint8Array> {
  const renderer = RENDERERS[task.kind] as
    ((input: DocumentInputs[DocumentKind], fonts: PdfFontFiles) => Promise<Buffer>) | undefined;
  if (!renderer) throw new Error(`Unknown document kind: ${String(task.kind)}`);
  return renderer(task.input, task.fonts);
}
