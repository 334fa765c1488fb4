import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '@casustafel/contracts';
import type { AppConfig } from '../../config/app-config';

const NONCE_PLACEHOLDER = /__CSP_NONCE__/g;
/** A file name with the build's content hash (`chunk-DEh2EgM-.js`), also as its `.br`/`.gz` copy. */
/** Files a browser may render as a document: they keep the Content-Security-Policy. */
const DOCUMENT_FILE = /\.(html?|svg|xml)(\.br|\.gz)?$/;
const HASHED_ASSET = /-[A-Za-z0-9_-]{8,}\.(js|css|woff2?|svg|png)(\.br|\.gz)?$/;

/**
 * Serves the built Angular client: hashed assets with a long cache, everything else that is
 * not the api falls back to `index.html` (client-side routing), which gets the request's CSP
 * nonce so Angular may add its component styles under the strict policy. Assets go out
 * precompressed (brotli or gzip) when the build has the copies; `index.html` (< 1 kB, a new
 * nonce per request) goes out as is.
 */
export async function registerClientApp(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<void> {
  const logger = new Logger('ClientApp');
  const indexPath = path.join(config.clientDist, 'index.html');
  const indexHtml = await readFile(indexPath, 'utf8').catch(() => null);
  if (indexHtml === null) {
    logger.warn(
      { clientDist: config.clientDist },
      'Client bundle not found; only the api is served',
    );
  } else {
    await app.register(fastifyStatic, {
      root: config.clientDist,
      prefix: '/',
      wildcard: false,
      index: false,
      // `nx build client` writes `.br` and `.gz` copies (tools/scripts/precompress.mjs): sent
      // with Content-Encoding and `Vary: accept-encoding` to a browser that accepts them.
      preCompressed: true,
      allowedPath: (pathName: string) => pathName !== '/index.html',
      setHeaders: (reply: FastifyReply, filePath: string) => {
        // A Content-Security-Policy binds documents (and workers; the client starts none):
        // on a script, style sheet or font it does nothing but cost ≈ 370 bytes a request. An
        // SVG opened on its own is a document (it can hold script): it keeps the policy.
        if (!DOCUMENT_FILE.test(filePath)) void reply.removeHeader('content-security-policy');
        void reply.header(
          'cache-control',
          HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  const fastify = app.getHttpAdapter().getInstance();
  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const body: ErrorResponse = {
      code: 'NOT_FOUND',
      message: 'The resource does not exist',
      requestId: String(request.id),
    };
    return reply.status(404).header('cache-control', 'no-store').send(body);
  };
  fastify.get('/*', (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isApi = url === '/api' || url.startsWith('/api/');
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    const looksLikeFile = path.extname(url) !== '';
    if (isApi || indexHtml === null || (looksLikeFile && !wantsHtml))
      return notFound(request, reply);
    const nonce = (reply as FastifyReply & { cspNonce?: { style: string } }).cspNonce?.style ?? '';
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(indexHtml.replace(NONCE_PLACEHOLDER, nonce));
  });
}
