import { describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import { TotpService } from './totp.service';

describe('TotpService', () => {
  const totp = new TotpService();
  const secret = totp.newSecret();
  const now = new Date('2026-11-22T10:00:10Z');
  const codeAt = (date: Date) =>
    generate({ secret, epoch: Math.floor(date.getTime() / 1000), period: 30 });

  it('accepts the current code once and returns its time step', async () => {
    const step = await totp.check(secret, await codeAt(now), now, null);
    expect(step).toBe(Math.floor(now.getTime() / 30_000));
    expect(await totp.check(secret, await codeAt(now), now, step)).toBeNull();
  });

  it('tolerates one step of drift but not two', async () => {
    const previous = new Date(now.getTime() - 30_000);
    const old = new Date(now.getTime() - 90_000);
    expect(await totp.check(secret, await codeAt(previous), now, null)).not.toBeNull();
    expect(await totp.check(secret, await codeAt(old), now, null)).toBeNull();
  });

  it('refuses malformed codes and a code of another secret', async () => {
    expect(await totp.check(secret, '12345', now, null)).toBeNull();
    expect(await totp.check(secret, 'abcdef', now, null)).toBeNull();
    const other = totp.newSecret();
    const foreign = await generate({
      secret: other,
      epoch: Math.floor(now.getTime() / 1000),
      period: 30,
    });
    expect(await totp.check(secret, foreign, now, null)).toBeNull();
  });

  it('makes ten distinct recovery codes in the contract format, hashed for storage', () => {
    const { codes, hashes } = totp.newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(hashes[0]).toBe(totp.hashRecoveryCode(` ${codes[0]?.toUpperCase()} `));
  });

  it('renders an otpauth URI and a PNG QR code', async () => {
    const { otpauthUri, qrDataUrl } = await totp.enrolment(secret, 'a@voorbeeldstad.nl');
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Casustafel:a%40voorbeeldstad\.nl\?.*secret=/);
    expect(qrDataUrl.startsWith('data:image/png;base64,')).toBe(true);
  });
});
