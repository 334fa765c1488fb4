import { isRefusalCode, type RefusalCode } from '@casustafel/contracts';

/*
 * The texts of the api's refusal reasons (issue 17 §6). A file of its own, apart from
 * api-failure.ts: only the pages that show refusals take the list of codes into their bundle.
 */

/**
 * The Transloco scope of the refusal reasons' texts (`i18n/refusals/<lang>.json`): loaded by the
 * pages that show refusals, not by the sign-in page.
 */
export const REFUSALS_SCOPE = 'refusals';

/** Translation key of a refusal reason: `refusals.<code>` (in the {@link REFUSALS_SCOPE}). */
export function refusalMessageKey(code: RefusalCode): `refusals.${RefusalCode}` {
  return `refusals.${code}`;
}

/** The translation key of a detail's issue when it is a refusal code; null for zod's and others. */
export function refusalKeyOf(issue: string): `refusals.${RefusalCode}` | null {
  return isRefusalCode(issue) ? refusalMessageKey(issue) : null;
}
