import pdfmake from 'pdfmake';
import { PDF_FONT, type PdfFontFiles } from './pdf-fonts';

export type DocumentLanguage = 'nl' | 'en';

/** A pdfmake document definition (pdfmake 0.3 ships no types of its own). */
export type PdfContent = Record<string, unknown> | string;
export interface PdfDefinition {
  title: string;
  language: DocumentLanguage;
  content: PdfContent[];
  styles?: Record<string, Record<string, unknown>>;
}

const FRAME = {
  nl: {
    confidential: 'Vertrouwelijk',
    page: (n: number, of: number) => `pagina ${n} van ${of}`,
  },
  en: {
    confidential: 'Confidential',
    page: (n: number, of: number) => `page ${n} of ${of}`,
  },
} as const;

let configured: string | null = null;

function configure(fonts: PdfFontFiles): void {
  const key = JSON.stringify(fonts);
  if (configured === key) return;
  pdfmake.setFonts({ [PDF_FONT]: { ...fonts } });
  // No network, and no file other than the four font files.
  pdfmake.setUrlAccessPolicy(() => false);
  const allowed = new Set(Object.values(fonts));
  pdfmake.setLocalAccessPolicy((path: string) => allowed.has(path));
  configured = key;
}

/**
 * Renders a document with the house frame every document shares: the embedded Unicode font,
 * "Vertrouwelijk" at the top of every page, the title and "pagina n van m" at the bottom, and
 * the document language (/Lang) for screen readers. Synchronous CPU work inside: call it only
 * in a document worker (see DocumentsService), never on the api's event loop.
 */
export async function renderPdf(definition: PdfDefinition, fonts: PdfFontFiles): Promise<Buffer> {
  configure(fonts);
  const frame = FRAME[definition.language];
  const doc = pdfmake.createPdf({
    info: { title: definition.title, subject: frame.confidential },
    language: definition.language === 'nl' ? 'nl-NL' : 'en-GB',
    pageMargins: [40, 50, 40, 50],
    header: () => ({
      text: frame.confidential.toUpperCase(),
      alignment: 'right',
      bold: true,
      fontSize: 8,
      color: '#8b0000',
      margin: [40, 20, 40, 0],
    }),
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: `${frame.confidential} — ${definition.title}`, fontSize: 8 },
        { text: frame.page(currentPage, pageCount), alignment: 'right', fontSize: 8 },
      ],
      margin: [40, 15, 40, 0],
    }),
    content: definition.content as never,
    defaultStyle: { font: PDF_FONT, fontSize: 10 },
    styles: definition.styles ?? {},
  } as never);
  return doc.getBuffer();
}
