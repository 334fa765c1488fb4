import { SetMetadata } from '@nestjs/common';

/**
 * What a route or socket handler requires. `public` needs no session; every other permission
 * is computed by the policy layer from the user's memberships and grants.
 */
export type Permission = 'public';

/** The NEN 7513 audit action recorded for each call, or `none` for data that is not protected. */
export type AuditAction = 'none';

export interface AccessPolicy {
  permission: Permission;
  audit: AuditAction;
}

export const ACCESS_POLICY = 'casustafel:access-policy';

/**
 * Declares the permission and audit action of a controller method or socket handler. The
 * global guard refuses any handler without one, and a test enumerates every handler.
 */
export const Access = (permission: Permission, audit: AuditAction): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { permission, audit } satisfies AccessPolicy);

/** Explicit opt-out of authentication, for liveness, readiness and the clock. */
export const Public = (): MethodDecorator & ClassDecorator => Access('public', 'none');
