import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, Repository } from 'typeorm';
import type { SessionStage, SessionState, TotpEnrolment } from '@casustafel/contracts';
import { passwordProblems } from '@casustafel/domain';
import { RequestContext } from '../../common/context/request-context';
import type { SecretBox } from '../../common/crypto/secret-box';
import { DomainError } from '../../common/errors/domain.error';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { IdentityService } from '../identity/identity.service';
import { UserEntity } from '../identity/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { RecoveryCodeEntity } from './recovery-code.entity';
import type { SessionEntity } from './session.entity';
import { type ResolvedSession, SessionService } from './session.service';
import { TotpService } from './totp.service';

export const SECRET_BOX = Symbol('SECRET_BOX');

/** A session as the browser should now hold it: the state, and a new cookie token when it changed. */
export interface SessionOutcome {
  state: SessionState;
  token?: string;
}

/** Sign-in, second factor, enrolment, activation and sign-out. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RecoveryCodeEntity)
    private readonly recoveryCodes: Repository<RecoveryCodeEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly hasher: PasswordHasher,
    private readonly totp: TotpService,
    private readonly identity: IdentityService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  stageOf(resolved: ResolvedSession | null): SessionStage {
    if (!resolved) return 'anonymous';
    if (resolved.session.secondFactorAt) return 'complete';
    return resolved.user.totpEnabledAt ? 'second-factor' : 'enrol-second-factor';
  }

  async state(resolved: ResolvedSession | null): Promise<SessionState> {
    const stage = this.stageOf(resolved);
    return {
      stage,
      user: resolved ? await this.identity.currentUser(resolved.user) : null,
      csrfToken: resolved?.session.csrfToken ?? null,
      demo: this.config.demo,
      idleTimeoutSeconds: this.config.session.idleTimeoutSeconds,
      expiresAt: resolved?.session.absoluteExpiresAt.toISOString() ?? null,
      sso: { enabled: this.config.oidc !== null, label: this.config.oidc?.label ?? null },
    };
  }

  async login(
    email: string,
    password: string,
    ip: string | null,
    current: ResolvedSession | null,
  ): Promise<SessionOutcome> {
    const keys = this.throttle.loginKeys(email, ip);
    // Counted before the password is checked: parallel guesses cannot all pass.
    await this.throttle.admit(keys);
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !passwordOk || user.disabledAt) {
      RequestContext.note({ objectType: 'user', objectId: user?.id ?? null });
      throw new DomainError('INVALID_CREDENTIALS', 'The e-mail address or password is incorrect');
    }
    await this.throttle.succeeded(keys);
    return this.startSession(user, 'password', ip, current);
  }

  /** Signs a user in (after password, SSO or activation): a fresh session, the old one ended. */
  async startSession(
    user: UserEntity,
    method: SessionEntity['authMethod'],
    ip: string | null,
    current: ResolvedSession | null,
    secondFactorPassed = false,
  ): Promise<SessionOutcome> {
    if (current) await this.sessions.end(current.session.id, 'rotated');
    // Demo mode may waive the second factor for accounts that have none (fictional data only).
    const waived = this.config.demo && !user.totpEnabledAt;
    const { token, session } = await this.sessions.create(
      user.id,
      method,
      ip,
      secondFactorPassed || waived,
    );
    await this.users.update(user.id, { lastLoginAt: this.clock.now() });
    const resolved: ResolvedSession = {
      session,
      user,
      actor: await this.sessions.actorFor(user, session),
    };
    this.noteActor(resolved);
    return { state: await this.state(resolved), token };
  }

  async verifySecondFactor(resolved: ResolvedSession, code: string): Promise<SessionOutcome> {
    const { user, session } = resolved;
    if (!user.totpEnabledAt || !user.totpSecret) {
      throw new DomainError('CONFLICT', 'This account has no second factor to verify');
    }
    const keys = [this.throttle.key('tfa', user.id)];
    await this.throttle.admit(keys);
    const ok = code.includes('-')
      ? await this.useRecoveryCode(user.id, code)
      : await this.acceptTotp(user, code);
    if (!ok)
      throw new DomainError('SECOND_FACTOR_INVALID', 'The code is incorrect or has been used');
    await this.throttle.succeeded(keys);
    const next = await this.sessions.rotate(session, true);
    const rotated: ResolvedSession = { ...resolved, session: next.session };
    rotated.actor = await this.sessions.actorFor(user, next.session);
    this.noteActor(rotated);
    return { state: await this.state(rotated), token: next.token };
  }

  async startEnrolment(resolved: ResolvedSession): Promise<TotpEnrolment> {
    // A guest signs in with link + one-time code; an authenticator app is not theirs to add.
    if (resolved.user.kind === 'guest')
      throw new DomainError('FORBIDDEN', 'Guests do not enrol a second factor');
    if (resolved.user.totpEnabledAt)
      throw new DomainError('CONFLICT', 'A second factor is already enrolled');
    const secret = this.totp.newSecret();
    await this.users.update(resolved.user.id, {
      totpSecret: this.secrets.seal(secret, `totp:${resolved.user.id}`),
    });
    const { otpauthUri, qrDataUrl } = await this.totp.enrolment(secret, resolved.user.email);
    return { otpauthUri, qrDataUrl, secret };
  }

  async confirmEnrolment(
    resolved: ResolvedSession,
    code: string,
  ): Promise<{ outcome: SessionOutcome; recoveryCodes: string[] }> {
    const user = await this.users.findOneByOrFail({ id: resolved.user.id });
    if (user.totpEnabledAt)
      throw new DomainError('CONFLICT', 'A second factor is already enrolled');
    if (!user.totpSecret) throw new DomainError('CONFLICT', 'Start the enrolment first');
    const keys = [this.throttle.key('tfa', user.id)];
    await this.throttle.admit(keys);
    const secret = this.secrets.open(user.totpSecret, `totp:${user.id}`);
    const step = await this.totp.check(secret, code, this.clock.now(), null);
    if (step === null) throw new DomainError('SECOND_FACTOR_INVALID', 'The code is incorrect');
    const { codes, hashes } = this.totp.newRecoveryCodes();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, user.id, {
        totpEnabledAt: this.clock.now(),
        totpLastStep: String(step),
      });
      await manager.delete(RecoveryCodeEntity, { userId: user.id });
      await manager.insert(
        RecoveryCodeEntity,
        hashes.map((codeHash) => ({ userId: user.id, codeHash, usedAt: null })),
      );
    });
    await this.throttle.succeeded(keys);
    const updated = await this.users.findOneByOrFail({ id: user.id });
    const next = await this.sessions.rotate(resolved.session, true);
    const rotated: ResolvedSession = {
      session: next.session,
      user: updated,
      actor: await this.sessions.actorFor(updated, next.session),
    };
    this.noteActor(rotated);
    return {
      outcome: { state: await this.state(rotated), token: next.token },
      recoveryCodes: codes,
    };
  }

  async activate(
    token: string,
    password: string,
    ip: string | null,
    current: ResolvedSession | null,
  ): Promise<SessionOutcome> {
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const user = await this.users.findOneBy({
      activationTokenHash: tokenHash,
      activationExpiresAt: MoreThan(this.clock.now()),
      disabledAt: IsNull(),
    });
    if (!user)
      throw new DomainError('ACTIVATION_INVALID', 'The activation link is invalid or has expired');
    RequestContext.note({ objectType: 'user', objectId: user.id });
    const problems = passwordProblems(password, user.email);
    if (problems.length > 0) {
      throw new DomainError(
        'PASSWORD_POLICY',
        'The password does not meet the password policy',
        problems.map((issue) => ({ path: 'password', issue })),
      );
    }
    await this.users.update(user.id, {
      passwordHash: await this.hasher.hash(password),
      activationTokenHash: null,
      activationExpiresAt: null,
    });
    return this.startSession(
      await this.users.findOneByOrFail({ id: user.id }),
      'activation',
      ip,
      current,
    );
  }

  async logout(resolved: ResolvedSession): Promise<void> {
    await this.sessions.end(resolved.session.id, 'logout');
  }

  private async acceptTotp(user: UserEntity, code: string): Promise<boolean> {
    const secret = this.secrets.open(user.totpSecret as string, `totp:${user.id}`);
    const last = user.totpLastStep === null ? null : Number(user.totpLastStep);
    const step = await this.totp.check(secret, code, this.clock.now(), last);
    if (step === null) return false;
    // Compare-and-set, so the same code cannot pass twice even in a race.
    const result = await this.dataSource
      .createQueryBuilder()
      .update(UserEntity)
      .set({ totpLastStep: String(step) })
      .where('id = :id', { id: user.id })
      .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const codeHash = this.totp.hashRecoveryCode(code);
    const result = await this.recoveryCodes.update(
      { userId, codeHash, usedAt: IsNull() },
      { usedAt: this.clock.now() },
    );
    if (result.affected) this.logger.log({ userId }, 'Recovery code used');
    return (result.affected ?? 0) > 0;
  }

  private noteActor(resolved: ResolvedSession): void {
    RequestContext.actAs(resolved.actor);
  }
}
