import { createHmac } from 'node:crypto';

const PERIOD = 30;
/** Never compute a code this close to the end of its 30-s step (it may expire in transit). */
const MARGIN_SECONDS = 3;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(secret: string): Buffer {
  let bits = '';
  for (const char of secret.replace(/[\s=]+/g, '').toUpperCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/**
 * RFC 6238 (SHA-1, 6 digits, 30 s), as authenticator apps and the api's otplib compute it.
 * Written out here because otplib's CommonJS build requires an ESM-only dependency, which Jest
 * (CommonJS) cannot load.
 */
export function totpAt(secret: string, epochSeconds: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(epochSeconds / PERIOD)));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/**
 * A TOTP code for `secret` (spaces allowed, as shown on the enrolment page), `stepOffset` steps
 * from now. The api accepts one step of drift either way and each step only once per account,
 * so a test can confirm an enrolment with the previous step's code (-1) and sign in right after
 * with the current one (0) without waiting for the next step. Near a step boundary this waits
 * (at most a few seconds) for the next step, so the code is still valid when it arrives.
 */
export async function totpCode(secret: string, stepOffset = 0): Promise<string> {
  const intoStep = Math.floor(Date.now() / 1000) % PERIOD;
  if (intoStep >= PERIOD - MARGIN_SECONDS) {
    await new Promise((resolve) => setTimeout(resolve, (PERIOD - intoStep) * 1000 + 200));
  }
  return totpAt(secret, Math.floor(Date.now() / 1000) + stepOffset * PERIOD);
}
