import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from './metrics.service';

export const METRICS_PATH = '/metrics';

/** Constant-time comparison of `Authorization: Bearer <token>` with the configured token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1] as string);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Where Prometheus scrapes `GET /metrics`:
 * - `METRICS_TOKEN`: on the api's own port, only with `Authorization: Bearer <token>`;
 * - `METRICS_PORT`: on a port of its own (for a network the public never reaches), with the
 *   token too when both are set;
 * - neither: nowhere (the path is the client's 404).
 * The api's port answers 401 without the right token and never says why in more detail.
 */
@Injectable()
export class MetricsEndpoint implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    const { token, port } = this.config.metrics;
    if (token !== null) {
      const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
      fastify.get(METRICS_PATH, async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        if (!bearerMatches(request.headers.authorization, token)) {
          return reply
            .status(401)
            .header('www-authenticate', 'Bearer realm="metrics"')
            .send({ code: 'UNAUTHENTICATED', message: 'A metrics token is required' });
        }
        const { contentType, body } = await this.metrics.scrape();
        return reply.type(contentType).send(body);
      });
    }
    if (port !== null) await this.listen(port, token);
  }

  /** The separate metrics port actually bound (METRICS_PORT=0 picks a free one); null if none. */
  boundPort(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(port: number, token: string | null): Promise<void> {
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const path = (request.url ?? '/').split('?')[0];
      if (request.method !== 'GET' || path !== METRICS_PATH) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      if (token !== null && !bearerMatches(request.headers.authorization, token)) {
        response
          .writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' })
          .end('Unauthorized\n');
        return;
      }
      this.metrics.scrape().then(
        ({ contentType, body }) =>
          response
            .writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' })
            .end(body),
        (error: unknown) => {
          this.logger.error({ err: error }, 'Metrics scrape failed');
          response.writeHead(500).end();
        },
      );
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.logger.log({ port: this.boundPort(), host: this.config.host }, 'Metrics port open');
  }
}
