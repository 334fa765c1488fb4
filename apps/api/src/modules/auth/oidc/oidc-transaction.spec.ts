import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SecretBox } from '../../../common/crypto/secret-box';
import { displayNameOf, normaliseEmail, providerDidMfa } from './oidc-claims';
import { openOidcTransaction, sealOidcTransaction } from './oidc-transaction';

describe('OIDC transaction cookie', () => {
  const box = new SecretBox(randomBytes(32));
  const now = new Date('2026-11-23T08:00:00Z');
  const transaction = {
    state: 'state-1',
    nonce: 'nonce-1',
    codeVerifier: 'verifier-1',
    expiresAt: now.getTime() + 600_000,
  };

  it('round-trips, sealed so the state is not readable', () => {
    const sealed = sealOidcTransaction(box, transaction);
    expect(sealed).not.toContain('state-1');
    expect(openOidcTransaction(box, sealed, now)).toEqual(transaction);
  });

  it('refuses an expired, tampered, foreign-key, other-context or missing value', () => {
    const sealed = sealOidcTransaction(box, transaction);
    expect(openOidcTransaction(box, sealed, new Date(transaction.expiresAt))).toBeNull();
    // Flip the first character of the ciphertext (its bits all count, unlike a final base64 char).
    const parts = sealed.split('.');
    const body = parts[3] as string;
    parts[3] = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(openOidcTransaction(box, parts.join('.'), now)).toBeNull();
    expect(openOidcTransaction(new SecretBox(randomBytes(32)), sealed, now)).toBeNull();
    expect(
      openOidcTransaction(box, box.seal(JSON.stringify(transaction), 'totp:x'), now),
    ).toBeNull();
    expect(openOidcTransaction(box, undefined, now)).toBeNull();
    expect(openOidcTransaction(box, 'garbage', now)).toBeNull();
  });
});

describe('OIDC claims', () => {
  it('trusts only amr values that mean a second factor at the provider', () => {
    expect(providerDidMfa(['pwd', 'mfa'])).toBe(true);
    expect(providerDidMfa(['otp'])).toBe(true);
    expect(providerDidMfa(['hwk'])).toBe(true);
    expect(providerDidMfa(['pwd'])).toBe(false);
    expect(providerDidMfa('mfa')).toBe(false);
    expect(providerDidMfa(undefined)).toBe(false);
  });

  it('normalises e-mail addresses and display names', () => {
    expect(normaliseEmail(' Sanne@Voorbeeldstad.NL ')).toBe('sanne@voorbeeldstad.nl');
    expect(normaliseEmail('geen adres')).toBeNull();
    expect(normaliseEmail(42)).toBeNull();
    expect(displayNameOf({ given_name: 'Sanne', family_name: 'de Vries' })).toBe('Sanne de Vries');
    expect(displayNameOf({ name: ' ' })).toBeNull();
    expect(displayNameOf({ name: 'x'.repeat(200) })).toHaveLength(120);
  });
});
