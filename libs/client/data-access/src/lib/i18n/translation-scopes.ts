/**
 * The translation files per feature (issue 16 §1: the sign-in page loads only the global file).
 * `apps/client/public/i18n/<lang>.json` keeps what every page needs (app, nav, errors, common,
 * login …); each entry here is a file `i18n/<file>/<lang>.json` that holds these top-level
 * subtrees. Every subtree is a Transloco scope of its own whose alias is its key, so component
 * keys stay as they were (`caseList.title`); the loader fetches a file once for all its scopes.
 *
 * `tools/scripts/i18n-scopes.mjs` moves the subtrees out of the global files by this table
 * (idempotent: run it after merging branches that added keys to the global files). Plain data:
 * the script imports this file as it is.
 */
export const TRANSLATION_FILES = {
  auth: ['secondFactor', 'enrol', 'activate'],
  home: ['home'],
  status: ['status', 'readiness', 'details'],
  admin: ['admin', 'erasure', 'teamAdmin'],
  /** The audit log page: its texts and the names of all audit actions (its filter). */
  audit: ['auditLog', 'audit'],
  cases: ['caseFile', 'caseList', 'household', 'consent', 'accessLog', 'caseDetail', 'meldcode'],
  /** A case's preparation and ZRM: the case pages and the live room's preparation panel. */
  preparation: ['preparation', 'zrm'],
  meetings: ['meetings', 'guest'],
} as const;

export type TranslationFile = keyof typeof TRANSLATION_FILES;

/** The file that holds a scope (a top-level key), or null for a scope with a file of its own. */
export function translationFileOf(scope: string): TranslationFile | null {
  for (const [file, keys] of Object.entries(TRANSLATION_FILES) as [
    TranslationFile,
    readonly string[],
  ][]) {
    if (keys.includes(scope)) return file;
  }
  return null;
}
