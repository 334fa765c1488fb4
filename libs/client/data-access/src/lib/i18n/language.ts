/** Languages of the UI, Dutch first. Domain words stay Dutch in both. */
export const SUPPORTED_LANGS = ['nl', 'en'] as const;
export type Lang = (typeof SUPPORTED_LANGS)[number];
export const DEFAULT_LANG: Lang = 'nl';

/** localStorage key of the user's language preference (a preference, not a token). */
export const LANG_STORAGE_KEY = 'casustafel.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (SUPPORTED_LANGS as readonly string[]).includes(value);
}
