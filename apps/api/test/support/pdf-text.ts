import { extractText, getDocumentProxy } from 'unpdf';

/** The text of each page of a PDF, as a reader would copy it out (pdf.js via unpdf). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: false });
  return text;
}
