import { hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). A fixed dummy hash
 * is verified for unknown accounts, so a wrong e-mail costs as much time as a wrong password.
 */
@Injectable()
export class PasswordHasher {
  // algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules).
  private readonly options = {
    algorithm: 2,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  } as const;
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.dummy ??= hash('casustafel-dummy-password', this.options);
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
