import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const PERIOD_SECONDS = 30;
const ISSUER = 'Casustafel';
const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** TOTP (RFC 6238) through otplib, QR codes for enrolment, and one-time recovery codes. */
@Injectable()
export class TotpService {
  newSecret(): string {
    return generateSecret({ length: 20 });
  }

  async enrolment(
    secret: string,
    accountLabel: string,
  ): Promise<{ otpauthUri: string; qrDataUrl: string }> {
    const otpauthUri = generateURI({
      issuer: ISSUER,
      label: accountLabel,
      secret,
      period: PERIOD_SECONDS,
    });
    const qrDataUrl = await QRCode.toDataURL(otpauthUri, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 240,
    });
    return { otpauthUri, qrDataUrl };
  }

  /**
   * Checks a 6-digit code at `now`, accepting one step of clock drift either way, and refusing
   * any step at or before `lastStep` (a code works once). Returns the accepted step or null.
   */
  async check(
    secret: string,
    code: string,
    now: Date,
    lastStep: number | null,
  ): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const epoch = Math.floor(now.getTime() / 1000);
    const result = await verify({
      secret,
      token: code,
      epoch,
      period: PERIOD_SECONDS,
      epochTolerance: PERIOD_SECONDS,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    }).catch(() => ({ valid: false as const }));
    if (!result.valid) return null;
    return Math.floor(epoch / PERIOD_SECONDS) + result.delta;
  }

  /** Ten codes of 2×5 base32 characters (50 bits each), and their hashes for storage. */
  newRecoveryCodes(): { codes: string[]; hashes: string[] } {
    const codes = Array.from({ length: 10 }, () => {
      const bytes = randomBytes(10);
      const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % 32]).join('');
      return `${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
    });
    return { codes, hashes: codes.map((c) => this.hashRecoveryCode(c)) };
  }

  hashRecoveryCode(code: string): string {
    return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
  }

  sameHash(a: string, b: string): boolean {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }
}
