import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import type { Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AuditAttribution } from '../../modules/audit/audit-attribution';
import { AuditService } from '../../modules/audit/audit.service';
import { SessionService } from '../../modules/auth/session.service';
import { actorRole, type Actor, type RequestContextStore } from '../context/request-context';
import { DomainError } from '../errors/domain.error';
import { ACCESS_POLICY, type AccessPolicy, type Permission } from './access.decorator';
import { abilityFor } from './policy';
import { getRequestAuth, setRequestAuth, socketAuth } from './request-session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard, secure by default, for HTTP routes and socket handlers alike: a handler without
 * a declared policy is refused; `public` passes; every other permission needs a live session,
 * a passed second factor (except `session`) and the policy layer's yes. State-changing HTTP
 * requests of a session must carry its CSRF token and may only come from an allowed origin.
 * Every refusal (CSRF included) is written to the audit log, with its target and organisation.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly attribution: AuditAttribution,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      this.logger.error(
        { handler: `${context.getClass().name}.${context.getHandler().name}` },
        'Handler without access policy refused',
      );
      throw new DomainError('FORBIDDEN', 'This handler declares no access policy');
    }
    const { store, actor, csrfProblem } =
      context.getType() === 'ws'
        ? { ...this.socketContext(context), csrfProblem: null }
        : await this.httpContext(context);
    if (csrfProblem) return this.deny(context, store, policy, 'CSRF_INVALID', csrfProblem);
    if (policy.permission === 'public') return true;
    if (!actor) return this.deny(context, store, policy, 'UNAUTHENTICATED');
    // A family session reaches its own pages and signing out, nothing of the professionals'.
    if (actor.family && policy.permission !== 'family' && policy.audit !== 'auth.logout')
      return this.deny(context, store, policy, 'FORBIDDEN');
    // A conference participant (family or network) reaches their conference, nothing else.
    if (actor.conference && policy.permission !== 'conference' && policy.audit !== 'auth.logout')
      return this.deny(context, store, policy, 'FORBIDDEN');
    if (policy.permission === 'session') return true;
    if (!actor.secondFactorPassed)
      return this.deny(context, store, policy, 'SECOND_FACTOR_REQUIRED');
    if (!(await this.permits(actor, policy.permission)))
      return this.deny(context, store, policy, 'FORBIDDEN');
    return true;
  }

  private async permits(
    actor: Actor,
    permission: Exclude<Permission, 'public' | 'session'>,
  ): Promise<boolean> {
    const ability = abilityFor(actor);
    switch (permission) {
      case 'authenticated':
        return true;
      case 'organisation:manage':
        return ability.can('manage', 'Organisation');
      case 'team:read':
        return ability.can('read', 'Team');
      case 'audit:read':
        return ability.can('read', 'AuditEvent');
      case 'client-data':
        // Type level only; the service checks the object (team, or this case's regisseur).
        return ability.can('read', 'ClientData') || this.isRegisseur(actor.userId);
      case 'meeting':
        // Type level only; the service checks the meeting's team.
        return ability.can('read', 'Meeting');
      case 'guest':
        return actor.guest !== null;
      case 'family':
        return actor.family !== null;
      case 'conference':
        // Type level only; the service checks the conference (its circle, coordinator, team).
        return actor.conference !== null || (actor.guest === null && actor.family === null);
      case 'meeting-or-guest':
        // Type level only; the services check the meeting's team, or the guest's invited items.
        return actor.guest !== null || ability.can('read', 'Meeting');
      case 'insight':
        // Type level only; the service checks the team (and its organisation).
        return (
          actor.guest === null &&
          (actor.orgAdmin || [...actor.teams.values()].some((r) => r.includes('team_leader')))
        );
    }
  }

  /** Casusregisseur or procesregisseur of at least one case (possibly outside the own teams). */
  private async isRegisseur(userId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      'SELECT 1 FROM "client_case" WHERE "casusregisseur_id" = $1 OR "procesregisseur_id" = $1 LIMIT 1',
      [userId],
    )) as unknown[];
    return rows.length > 0;
  }

  private async httpContext(
    context: ExecutionContext,
  ): Promise<{ store: RequestContextStore; actor: Actor | null; csrfProblem: string | null }> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    let auth = getRequestAuth(request);
    if (!auth) {
      const token = request.cookies?.[this.config.session.cookieName];
      const resolved = await this.sessions.resolve(token);
      auth = {
        resolved,
        store: {
          requestId: String(request.id),
          ip: request.ip ?? null,
          channel: 'http',
          actor: resolved?.actor ?? null,
          audit: {},
        },
      };
      setRequestAuth(request, auth);
    }
    const csrfProblem = SAFE_METHODS.has(request.method)
      ? null
      : this.sameOriginProblem(request, auth.resolved?.session.csrfToken ?? null);
    return { store: auth.store, actor: auth.resolved?.actor ?? null, csrfProblem };
  }

  private socketContext(context: ExecutionContext): {
    store: RequestContextStore;
    actor: Actor | null;
  } {
    const socket = context.switchToWs().getClient<Socket>();
    const auth = socketAuth(socket);
    return {
      store: {
        requestId: null,
        ip: auth?.ip ?? null,
        channel: 'socket',
        actor: auth?.resolved.actor ?? null,
        audit: {},
      },
      actor: auth?.resolved.actor ?? null,
    };
  }

  /**
   * CSRF: an allowed Origin when the browser sends one, and the session's token when signed
   * in. Returns what is wrong (for the error message), or null.
   */
  private sameOriginProblem(request: FastifyRequest, csrfToken: string | null): string | null {
    const origin = request.headers.origin;
    if (origin !== undefined && !this.config.allowedOrigins.includes(origin))
      return 'Request from a foreign origin';
    if (csrfToken !== null && request.headers['x-csrf-token'] !== csrfToken)
      return 'Missing or wrong CSRF token';
    return null;
  }

  /** The object a refused call aimed at: its route parameters, or its socket payload's ids. */
  private targetOf(context: ExecutionContext): unknown {
    if (context.getType() === 'ws') return context.switchToWs().getData<unknown>();
    return context.switchToHttp().getRequest<FastifyRequest>().params;
  }

  /**
   * Records the refusal (what was aimed at, whose client, which organisation — the caller's,
   * or for an anonymous caller the target's) and refuses.
   */
  private async deny(
    context: ExecutionContext,
    store: RequestContextStore,
    policy: AccessPolicy,
    code: 'UNAUTHENTICATED' | 'SECOND_FACTOR_REQUIRED' | 'FORBIDDEN' | 'CSRF_INVALID',
    message?: string,
  ): Promise<never> {
    const object = this.attribution.objectOf(this.targetOf(context));
    const attributed = await this.attribution.attribute(object);
    await this.audit.record({
      action: policy.audit === 'none' ? 'access.denied' : policy.audit,
      outcome: 'denied',
      actor: {
        userId: store.actor?.userId ?? null,
        role: actorRole(store.actor),
        organisationId: store.actor?.organisationId ?? attributed.organisationId,
      },
      object,
      clientId: attributed.clientId,
      channel: store.channel,
      source: { ip: store.ip, requestId: store.requestId },
      purpose: code === 'CSRF_INVALID' ? 'csrf' : `permission:${policy.permission}`,
    });
    throw new DomainError(
      code,
      message ??
        (code === 'FORBIDDEN' ? 'You do not have access to this resource' : 'Access refused'),
    );
  }
}
