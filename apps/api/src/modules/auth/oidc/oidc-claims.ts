/**
 * Authentication method references (RFC 8176) that show the identity provider itself required
 * more than a password: multi-factor, a one-time password, a hardware-bound key.
 */
export const MFA_AMR_VALUES: readonly string[] = ['mfa', 'otp', 'hwk'];

/** Whether the ID token's `amr` claim shows a second factor at the identity provider. */
export function providerDidMfa(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((v) => typeof v === 'string' && MFA_AMR_VALUES.includes(v));
}

/** The claims the sign-in needs, from the ID token, completed from userinfo where absent. */
export interface OidcProfile {
  issuer: string;
  subject: string;
  /** Lower-cased; null when absent or not a plausible address. */
  email: string | null;
  /** Only a literal `true` counts. */
  emailVerified: boolean;
  displayName: string | null;
  mfa: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normaliseEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

export function displayNameOf(claims: Record<string, unknown>): string | null {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name =
    text(claims['name']) ||
    [text(claims['given_name']), text(claims['family_name'])].filter(Boolean).join(' ');
  return name ? name.slice(0, 120) : null;
}
