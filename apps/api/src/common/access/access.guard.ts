import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain.error';
import { ACCESS_POLICY, type AccessPolicy } from './access.decorator';

/**
 * Global guard, secure by default: a handler without a declared policy is refused, a
 * `public` one is allowed, anything else needs the policy layer's verdict.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
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
    if (policy.permission === 'public') return true;
    // Sessions and the policy layer arrive with the accounts feature; until then nothing else passes.
    throw new DomainError('UNAUTHENTICATED', 'Authentication is required');
  }
}
