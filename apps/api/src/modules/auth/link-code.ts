import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type DataSource,
  type DeepPartial,
  type EntityManager,
  type EntityTarget,
  type FindOptionsWhere,
  IsNull,
  type QueryDeepPartialEntity,
} from 'typeorm';
import { GUEST_CODE_LENGTH, GUEST_CODE_MAX_ATTEMPTS } from '@casustafel/contracts';
import { DomainError } from '../../common/errors/domain.error';
import { Clock } from '../../common/time/clock';
import { NEW_ACCOUNT, UserEntity } from '../identity/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { SessionService } from './session.service';

/*
 * Access by link + one-time code, one rule for every kind of invitation (a remote specialist's
 * meeting, the family's own plan, later a network member's conference): the link is a random
 * token stored only as its hash; the code, sent by another channel, is a six-digit number stored
 * as a hash bound to the invitation, spent on first use, and counted: after
 * GUEST_CODE_MAX_ATTEMPTS wrong codes the invitation needs a new code. Both are throttled per
 * address and per link. Every refusal of an unknown link, a wrong code or a spent code has the
 * same answer, so nothing can be learnt from it.
 */

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A new link token (256 random bits, URL-safe). */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');
/** What is stored of a link token. */
export const linkTokenHash = (token: string): string => sha256(token);
/** A new one-time code: GUEST_CODE_LENGTH digits. */
export const newOneTimeCode = (): string =>
  String(randomInt(0, 10 ** GUEST_CODE_LENGTH)).padStart(GUEST_CODE_LENGTH, '0');
/** What is stored of a one-time code: bound to its invitation. */
export const oneTimeCodeHash = (invitationId: string, code: string): string =>
  sha256(`${invitationId}:${code}`);

/** One answer for an unknown link, a wrong code and a used code: nothing to learn from it. */
export function invalidLinkOrCode(): DomainError {
  return new DomainError('GUEST_ACCESS_INVALID', 'The link or the code is not valid');
}

/** The kinds of account that sign in by link + code only. */
const LINK_USER_DOMAIN = { guest: 'gast', family: 'gezin', conference: 'beraad' } as const;

/**
 * A new account that signs in by link + code only: never by e-mail or password (its address is a
 * placeholder that cannot receive mail; a real address, if any, is kept with the invitation).
 */
export function createLinkCodeUser(
  tx: EntityManager,
  input: {
    organisationId: string;
    displayName: string;
    discipline: UserEntity['discipline'];
    kind: keyof typeof LINK_USER_DOMAIN;
  },
): Promise<UserEntity> {
  const domain = LINK_USER_DOMAIN[input.kind];
  return tx.save(
    tx.create(UserEntity, {
      ...NEW_ACCOUNT,
      organisationId: input.organisationId,
      email: `${domain}-${randomBytes(12).toString('hex')}@${domain}.casustafel.invalid`,
      displayName: input.displayName,
      discipline: input.discipline,
      kind: input.kind,
    }),
  );
}

/** The columns every link + code invitation has. */
export interface LinkCodeInvitation {
  id: string;
  tokenHash: string;
  codeHash: string | null;
  codeAttempts: number;
  signedInAt: Date | null;
  expiresAt: Date;
}

/**
 * Saves a new invitation with a fresh link and one-time code, neither used nor tried yet (the
 * code's hash is bound to the saved id, so it is set after the insert). The token and the code
 * are returned to be handed out once; only their hashes are stored.
 */
export async function saveLinkCodeInvitation<E extends LinkCodeInvitation>(
  tx: EntityManager,
  entity: EntityTarget<E>,
  values: Omit<E, 'id' | 'tokenHash' | 'codeHash' | 'codeAttempts' | 'signedInAt'>,
): Promise<{ row: E; token: string; code: string }> {
  const token = newLinkToken();
  const row: E = await tx.save(
    tx.create(entity, {
      ...values,
      tokenHash: linkTokenHash(token),
      codeHash: null,
      codeAttempts: 0,
      signedInAt: null,
    } as unknown as DeepPartial<E>),
  );
  const code = newOneTimeCode();
  row.codeHash = oneTimeCodeHash(row.id, code);
  await tx.update(
    entity,
    { id: row.id } as FindOptionsWhere<E>,
    { codeHash: row.codeHash } as unknown as QueryDeepPartialEntity<E>,
  );
  return { row, token, code };
}

/**
 * A fresh link and one-time code for an invitation, its wrong tries forgotten: the old link and
 * code stop working together. The invitation given is updated in place.
 */
export async function renewLinkCode<E extends LinkCodeInvitation>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  invitation: E,
): Promise<{ token: string; code: string }> {
  const token = newLinkToken();
  const code = newOneTimeCode();
  invitation.tokenHash = linkTokenHash(token);
  invitation.codeHash = oneTimeCodeHash(invitation.id, code);
  invitation.codeAttempts = 0;
  const { tokenHash, codeHash, codeAttempts } = invitation;
  await manager.update(
    entity,
    { id: invitation.id } as FindOptionsWhere<E>,
    { tokenHash, codeHash, codeAttempts } as unknown as QueryDeepPartialEntity<E>,
  );
  return { token, code };
}

/** What differs between the kinds of invitation. */
export interface LinkCodeKind<E extends LinkCodeInvitation> {
  entity: EntityTarget<E>;
  /** The account the session is for. */
  userOf(invitation: E): string;
  /** Revoked or expired: the link no longer opens anything. */
  ended(invitation: E): boolean;
  /** Notes the call's object for the audit trail (null: an unknown link). */
  note(invitation: E | null): void;
  /** Who hands out a new code, for the refusals' messages ("the chair", "the team"). */
  issuer: string;
}

@Injectable()
export class LinkCodeSignIn {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  /** Link token plus one-time code → a session limited to the invitation (ends at its expiry). */
  async signIn<E extends LinkCodeInvitation>(
    kind: LinkCodeKind<E>,
    token: string,
    code: string,
    ip: string | null,
  ): Promise<{ token: string }> {
    const ipKey = ip ? [this.throttle.key('ip', ip)] : [];
    await this.throttle.admit(ipKey);
    const manager = this.dataSource.manager;
    const invitation = await manager.findOneBy(kind.entity, {
      tokenHash: linkTokenHash(token),
    } as FindOptionsWhere<E>);
    kind.note(invitation);
    if (!invitation) throw invalidLinkOrCode();
    if (kind.ended(invitation))
      throw new DomainError('GUEST_ACCESS_ENDED', 'This link was stopped or has expired');
    if (invitation.codeAttempts >= GUEST_CODE_MAX_ATTEMPTS)
      throw new DomainError(
        'RATE_LIMITED',
        `Too many wrong codes; ask ${kind.issuer} for a new code`,
      );
    // Atomic per link: parallel guesses cannot all pass the read attempt count above.
    const linkKey = [this.throttle.key('link', token)];
    await this.throttle.admit(linkKey);
    const expected = invitation.codeHash;
    const given = oneTimeCodeHash(invitation.id, code);
    const ok =
      expected !== null && timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
    if (!ok) {
      await manager.increment(
        kind.entity,
        { id: invitation.id } as FindOptionsWhere<E>,
        'codeAttempts',
        1,
      );
      throw invalidLinkOrCode();
    }
    const now = this.clock.now();
    // One-time: the code is spent; compare-and-set so two simultaneous sign-ins cannot both win.
    const spent = await manager.update(
      kind.entity,
      { id: invitation.id, codeHash: expected } as FindOptionsWhere<E>,
      { codeHash: null, codeAttempts: 0, signedInAt: now } as unknown as QueryDeepPartialEntity<E>,
    );
    if (!spent.affected) throw invalidLinkOrCode();
    const userId = kind.userOf(invitation);
    await manager.update(UserEntity, { id: userId }, { lastLoginAt: now });
    const session = await this.sessions.create(
      userId,
      'guest-code',
      ip,
      // Link and code came by two channels: the second factor is the code.
      true,
      invitation.expiresAt,
    );
    await this.throttle.succeeded([...ipKey, ...linkKey]);
    return { token: session.token };
  }

  /**
   * Withdraws an invitation (once: a withdrawn one stays as it is): its link and code stop, the
   * account made for it is disabled and its sessions end, which through the live gateway also
   * disconnects its sockets. `revokedBy` is recorded where the kind keeps it; the invitation
   * given is updated in place.
   */
  async revoke<E extends LinkCodeInvitation & { revokedAt: Date | null }>(
    entity: EntityTarget<E>,
    invitation: E,
    userId: string,
    revokedBy?: string,
  ): Promise<void> {
    if (invitation.revokedAt !== null) return;
    const now = this.clock.now();
    const changes = { revokedAt: now, ...(revokedBy ? { revokedBy } : {}), codeHash: null };
    Object.assign(invitation, changes);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(
        entity,
        { id: invitation.id, revokedAt: IsNull() } as FindOptionsWhere<E>,
        changes as unknown as QueryDeepPartialEntity<E>,
      );
      await tx.update(UserEntity, { id: userId }, { disabledAt: now });
    });
    await this.sessions.endAllForUser(userId, 'guest-revoked');
  }
}
