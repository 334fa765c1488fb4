import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The font family every PDF uses: Noto Sans, the NL Design System voorbeeld theme's font. */
export const PDF_FONT = 'NotoSans';

export interface PdfFontFiles {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

/**
 * Full (not subsetted) Noto Sans TTFs from `@expo-google-fonts/noto-sans`: Latin, Latin
 * Extended, Greek, Cyrillic and Vietnamese in one file per style, so "Şükrü Yılmaz" and
 * "Łukasz Wałęsa" render and can be copied back out. pdfkit embeds only the glyphs used.
 * Resolved from node_modules (a production dependency); throws when a file is missing.
 */
export function resolvePdfFonts(): PdfFontFiles {
  const require = createRequire(import.meta.url);
  const file = (style: string) =>
    require.resolve(`@expo-google-fonts/noto-sans/${style}/NotoSans_${style}.ttf`);
  const fonts: PdfFontFiles = {
    normal: file('400Regular'),
    bold: file('700Bold'),
    italics: file('400Regular_Italic'),
    bolditalics: file('700Bold_Italic'),
  };
  for (const path of Object.values(fonts))
    if (!existsSync(path)) throw new Error(`PDF font file missing: ${path}`);
  return fonts;
}
