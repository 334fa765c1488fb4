import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { databaseOutage } from './common/errors/database-outage';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { RefuseNulPipe } from './common/validation/zod-validation.pipe';
import { registerClientApp } from './common/http/client-app';
import { SharedLimits } from './common/limits/shared-limits';
import type { AppConfig } from './config/app-config';
import { LiveIoAdapter } from './modules/live/live-io.adapter';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A caller's `x-request-id` is kept when it looks like an id; otherwise a new uuid. */
function requestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  // pino-http reads the id from the raw request, so every log line of this request carries it.
  (req as IncomingMessage & { id: string }).id = id;
  return id;
}

/**
 * Builds the whole api (used by `main.ts`, the integration tests and the benchmarks), ready
 * to `listen`. Nothing here reads `process.env`: everything comes from `config`.
 */
export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.httpBodyLimitBytes,
    genReqId: requestId,
    requestIdHeader: false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    trustProxy:
      config.trustProxyHops > 0
        ? (_address: string, hop: number) => hop < config.trustProxyHops
        : false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(new RefuseNulPipe());
  // With REDIS_URL the live rooms span every instance: connect before the gateways start.
  const live = new LiveIoAdapter(app, config);
  try {
    await live.connectRedis();
  } catch (error) {
    await app.close();
    throw error;
  }
  app.useWebSocketAdapter(live);

  // During a database outage one probe a second notices (and logs) its return.
  const dataSource = app.get(DataSource);
  databaseOutage.setProbe(() => dataSource.query('SELECT 1'));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onClose', async () => databaseOutage.setProbe(null));
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // Api answers carry client data (or say who is signed in): no cache may keep them.
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  await app.register(helmet, {
    global: true,
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        scriptSrcAttr: ["'none'"],
        ...(config.tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  // A coarse per-address limit on the api; sign-in has its own per-account back-off.
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Counted in Redis across instances with REDIS_URL (per instance while it is unreachable).
    store: app.get(SharedLimits).rateLimitStore(),
    allowList: (request) => !request.url.startsWith('/api/'),
    errorResponseBuilder: (request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: 'Too many requests; try again later',
      requestId: String(request.id),
      retryAfterSeconds: Math.ceil(context.ttl / 1000),
    }),
  });
  await registerClientApp(app, config);
  await app.init();
  return app;
}
