import pdfmake from 'pdfmake';
import type { MinutesView } from '@casustafel/contracts';
import { ACTION_STATUS_LABELS, AGENDA_ITEM_KIND_LABELS } from '@casustafel/domain';

/** pdfkit's built-in standard fonts: no font files, no network. */
pdfmake.setFonts({
  Helvetica: {
    normal: 'Helvetica',
    bold: 'Helvetica-Bold',
    italics: 'Helvetica-Oblique',
    bolditalics: 'Helvetica-BoldOblique',
  },
});
pdfmake.setUrlAccessPolicy(() => false);
// Only the standard font names (pdfkit ships their metrics); no other file is read.
const STANDARD_FONTS = new Set([
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-Oblique',
  'Helvetica-BoldOblique',
]);
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));

type Content = Record<string, unknown> | string;

/** The minutes as a PDF (verslag), names resolved by `nameOf`. */
export async function minutesPdf(
  minutes: MinutesView,
  nameOf: (userId: string) => string,
): Promise<Buffer> {
  const content: Content[] = [
    { text: minutes.title, style: 'title' },
    {
      text: `${new Date(minutes.start).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })} – ${new Date(minutes.end).toLocaleTimeString('nl-NL', { timeZone: 'Europe/Amsterdam' })}`,
    },
    {
      text:
        minutes.status === 'approved'
          ? `Vastgesteld door ${nameOf(minutes.approvedByUserId ?? '')} op ${new Date(minutes.approvedAt ?? '').toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })}`
          : 'Concept',
      italics: true,
      margin: [0, 0, 0, 10],
    },
    { text: 'Aanwezig', style: 'heading' },
    { ul: minutes.attendance.present.map((a) => `${nameOf(a.userId)} (${a.role})`) },
    { text: 'Afwezig', style: 'heading' },
    { ul: minutes.attendance.absent.map((a) => `${nameOf(a.userId)} (${a.role})`) },
  ];
  for (const item of minutes.items) {
    const label = AGENDA_ITEM_KIND_LABELS[item.kind] ?? item.kind;
    content.push({
      text: `${item.order + 1}. ${item.title || label} (${item.status})`,
      style: 'heading',
    });
    if (item.question)
      content.push({ text: [{ text: 'Vraag aan het team: ', bold: true }, item.question] });
    content.push({ text: 'Aantekeningen', bold: true, margin: [0, 6, 0, 0] });
    content.push(item.notes.trim() === '' ? { text: '—', italics: true } : item.notes);
    if (item.decisions.length > 0) {
      content.push({ text: 'Besluiten', bold: true, margin: [0, 6, 0, 0] });
      content.push({
        ul: item.decisions.map(
          (d) =>
            `${d.typeLabel}: ${d.text} — onderbouwing: ${d.rationale} (${nameOf(d.decidedByUserId)})`,
        ),
      });
    }
    if (item.actions.length > 0) {
      content.push({ text: 'Acties', bold: true, margin: [0, 6, 0, 0] });
      content.push({
        ul: item.actions.map(
          (a) =>
            `${a.description} — ${nameOf(a.ownerUserId)}, uiterlijk ${a.due} (${ACTION_STATUS_LABELS[a.status]})`,
        ),
      });
    }
  }
  const doc = pdfmake.createPdf({
    info: { title: minutes.title },
    content: content as never,
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      heading: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
    },
  });
  return doc.getBuffer();
}
