import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/app-config';

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
