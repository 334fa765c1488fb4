import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import type { ResolvedSession, SessionService } from './session.service';

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure and `__Host-` prefixed over HTTPS. */
export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  void reply.setCookie(config.session.cookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.tls,
    path: '/',
    maxAge: config.session.absoluteTimeoutSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  void reply.clearCookie(config.session.cookieName, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.tls,
    path: '/',
  });
}

/**
 * A link + code sign-in's new session in this browser: whoever was signed in here is signed out
 * (one session per browser), the new session's cookie is set, and it is returned as resolved.
 */
export async function switchBrowserSession(
  sessions: SessionService,
  config: AppConfig,
  reply: FastifyReply,
  current: ResolvedSession | null,
  token: string,
): Promise<ResolvedSession | null> {
  if (current) await sessions.end(current.session.id, 'rotated');
  setSessionCookie(reply, config, token);
  return sessions.resolve(token);
}
