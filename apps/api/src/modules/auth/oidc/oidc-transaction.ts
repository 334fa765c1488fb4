import type { SecretBox } from '../../../common/crypto/secret-box';

/** How long a browser has to come back from the identity provider. */
export const OIDC_TRANSACTION_TTL_SECONDS = 10 * 60;

/** Additional data bound into the sealed cookie, so no other sealed value passes as one. */
const CONTEXT = 'oidc-transaction:v1';

/** What the callback must check against: kept sealed in a short-lived cookie, never in the URL. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch milliseconds after which the transaction is void (also when the cookie lingers). */
  expiresAt: number;
}

export function oidcTransactionCookieName(tls: boolean): string {
  // `__Secure-`, not `__Host-`: the cookie is scoped to the OIDC routes' path.
  return tls ? '__Secure-casustafel_oidc' : 'casustafel_oidc';
}

export const OIDC_TRANSACTION_COOKIE_PATH = '/api/auth/oidc';

export function sealOidcTransaction(box: SecretBox, transaction: OidcTransaction): string {
  return box.seal(JSON.stringify(transaction), CONTEXT);
}

/**
 * Opens and checks the sealed transaction; null when it is missing, tampered with, sealed with
 * another key, malformed or expired.
 */
export function openOidcTransaction(
  box: SecretBox,
  sealed: string | undefined,
  now: Date,
): OidcTransaction | null {
  if (!sealed) return null;
  let value: unknown;
  try {
    value = JSON.parse(box.open(sealed, CONTEXT));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const t = value as Record<string, unknown>;
  if (
    typeof t['state'] !== 'string' ||
    typeof t['nonce'] !== 'string' ||
    typeof t['codeVerifier'] !== 'string' ||
    typeof t['expiresAt'] !== 'number'
  ) {
    return null;
  }
  if (t['expiresAt'] <= now.getTime()) return null;
  return {
    state: t['state'],
    nonce: t['nonce'],
    codeVerifier: t['codeVerifier'],
    expiresAt: t['expiresAt'],
  };
}
