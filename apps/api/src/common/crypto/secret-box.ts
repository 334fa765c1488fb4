import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';

const VERSION = 'v1';

/**
 * Authenticated encryption (AES-256-GCM) of secrets at rest: TOTP secrets now, BSNs later.
 * Output `v1.<iv>.<tag>.<ciphertext>` (base64url); `context` is bound as additional data, so a
 * value cannot be moved to another row or column unnoticed.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined)
      throw new Error('Unknown sealed format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}

/**
 * The configured ENCRYPTION_KEY, or — outside production — a key kept beside the embedded
 * database (`$DATA_DIR/encryption.key`, created on first start), or a random one for an
 * in-memory database. Production refuses to start without ENCRYPTION_KEY (env schema).
 */
export async function loadSecretBox(config: AppConfig): Promise<SecretBox> {
  if (config.encryptionKey) return new SecretBox(config.encryptionKey);
  const logger = new Logger('SecretBox');
  if (config.database.engine !== 'pglite' || config.database.dataDir.startsWith('memory://')) {
    logger.warn('ENCRYPTION_KEY not set: using a random key for this process only');
    return new SecretBox(randomBytes(32));
  }
  const file = path.join(path.dirname(config.database.dataDir), 'encryption.key');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing) return new SecretBox(Buffer.from(existing.trim(), 'base64'));
  const key = randomBytes(32);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  logger.warn({ file }, 'ENCRYPTION_KEY not set: created a local key beside the embedded database');
  return new SecretBox(key);
}
