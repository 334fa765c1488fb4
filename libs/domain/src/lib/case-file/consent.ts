/** The consent ledger's cover of a purpose: a valid entry, only expired ones, or none. */
export type ConsentCover = 'gedekt' | 'verlopen' | 'ontbreekt';

/** Shortest justification a chair records for discussing a case without cover. */
export const CONSENT_JUSTIFICATION_MIN = 10;

/**
 * Putting a case on a meeting's agenda: `covered` when the ledger holds a valid consent or
 * legal basis for the meeting (purpose mdo); otherwise the chair's justification makes it
 * `justified`, and without one it is refused (`justification-required`).
 */
export function agendaConsentDecision(
  cover: ConsentCover,
  justification: string | null | undefined,
): 'covered' | 'justified' | 'justification-required' {
  if (cover === 'gedekt') return 'covered';
  const text = justification?.trim() ?? '';
  return text.length >= CONSENT_JUSTIFICATION_MIN ? 'justified' : 'justification-required';
}
