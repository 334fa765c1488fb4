import { familySignInSchema, GUEST_CODE_LENGTH } from '@casustafel/contracts';

/**
 * The token of a sign-in link (`/gezin#<token>`, `/beraad#<token>`), or null when the fragment
 * holds none. The token travels in the fragment, so it never reaches a server.
 */
export function linkTokenFromHash(hash: string): string | null {
  const token = hash.startsWith('#') ? hash.slice(1) : hash;
  return familySignInSchema.shape.token.safeParse(token).success ? token : null;
}

/** A one-time code as typed (spaces, dashes) reduced to its digits; null unless exactly eight. */
export function normaliseLinkCode(code: string): string | null {
  const digits = code.replace(/[\s-]+/g, '');
  return new RegExp(`^\\d{${GUEST_CODE_LENGTH}}$`).test(digits) ? digits : null;
}
