import type { FastifyRequest } from 'fastify';
import type { Socket } from 'socket.io';
import type { RequestContextStore } from '../context/request-context';
import type { ResolvedSession } from '../../modules/auth/session.service';

/** What the access guard resolved for one HTTP request, kept on the request object. */
export interface RequestAuth {
  store: RequestContextStore;
  resolved: ResolvedSession | null;
}

const KEY = Symbol('casustafel.request-auth');

export function getRequestAuth(request: FastifyRequest): RequestAuth | undefined {
  return (request as FastifyRequest & { [KEY]?: RequestAuth })[KEY];
}

export function setRequestAuth(request: FastifyRequest, auth: RequestAuth): void {
  (request as FastifyRequest & { [KEY]?: RequestAuth })[KEY] = auth;
}

/** Data the live handshake stores on an authenticated socket. */
export interface LiveSocketData {
  resolved: ResolvedSession;
  ip: string | null;
  lastTouchAt: number;
}

/*
 * Kept beside the socket, not in `socket.data`: socket.data travels to other api instances
 * (`fetchSockets` through the Redis adapter) and the resolved session holds the user's row.
 */
const socketAuths = new WeakMap<Socket, LiveSocketData>();

export function socketAuth(socket: Socket): LiveSocketData | undefined {
  return socketAuths.get(socket);
}

export function setSocketAuth(socket: Socket, auth: LiveSocketData): void {
  socketAuths.set(socket, auth);
}
