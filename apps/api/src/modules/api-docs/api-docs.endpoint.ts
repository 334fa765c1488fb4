import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { discoverRoutes } from './nest-routes';
import { buildOpenApiDocument } from './openapi-document';

export const DOCS_PATH = '/api/docs';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** The viewer's page: no inline script or style (the CSP allows only 'self'). */
const VIEWER_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Casustafel api</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
  </head>
  <body>
    <main id="swagger-ui"></main>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/viewer.js"></script>
  </body>
</html>
`;

/** Starts Swagger UI on the document; read-only (no "try it out": use the app or curl). */
const VIEWER_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${DOCS_PATH}/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    supportedSubmitMethods: [],
    validatorUrl: null,
  });
});
`;

interface Asset {
  type: string;
  raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * The api's own documentation, public (it describes the api's shape, as the open-source code
 * and the client bundle already do, and exposes no data; every documented route still checks
 * its own access):
 * - `GET /api/docs`: Swagger UI, self-hosted from the `swagger-ui-dist` package (no CDN), under
 *   the same strict CSP as the app (scripts and styles from 'self' only);
 * - `GET /api/docs/openapi.json`: the OpenAPI 3.1 document, generated at first request from the
 *   routes' metadata and the zod schemas (see openapi-document.ts).
 * Plain Fastify routes, not Nest controllers: they are not part of the api they document.
 */
@Injectable()
export class ApiDocsEndpoint implements OnModuleInit {
  private document: ReturnType<typeof buildOpenApiDocument> | null = null;
  private readonly assets = new Map<string, Promise<Asset>>();

  constructor(
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly modules: ModulesContainer,
  ) {}

  /** The document (built once). */
  openApiDocument(): ReturnType<typeof buildOpenApiDocument> {
    this.document ??= buildOpenApiDocument(discoverRoutes(this.modules), {
      version: this.config.version,
      cookieName: this.config.session.cookieName,
    });
    return this.document;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const uiDir = path.dirname(
      createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
    );
    const files: Record<string, () => Promise<Asset>> = {
      '': async () => ({ type: 'text/html; charset=utf-8', raw: Buffer.from(VIEWER_HTML) }),
      '/viewer.js': async () => ({
        type: 'text/javascript; charset=utf-8',
        raw: Buffer.from(VIEWER_JS),
      }),
      '/openapi.json': async () => ({
        type: 'application/json; charset=utf-8',
        raw: Buffer.from(JSON.stringify(this.openApiDocument())),
      }),
      '/swagger-ui.css': async () => ({
        type: 'text/css; charset=utf-8',
        raw: await readFile(path.join(uiDir, 'swagger-ui.css')),
      }),
      '/swagger-ui-bundle.js': async () => ({
        type: 'text/javascript; charset=utf-8',
        raw: await readFile(path.join(uiDir, 'swagger-ui-bundle.js')),
      }),
    };
    for (const [suffix, load] of Object.entries(files)) {
      fastify.get(`${DOCS_PATH}${suffix}`, (request, reply) =>
        this.send(suffix, load, request, reply),
      );
    }
  }

  private async send(
    name: string,
    load: () => Promise<Asset>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    let pending = this.assets.get(name);
    if (!pending) {
      pending = load().then(compress);
      this.assets.set(name, pending);
      pending.catch(() => this.assets.delete(name));
    }
    const asset = await pending;
    const accepts = String(request.headers['accept-encoding'] ?? '');
    const encoding =
      /\bbr\b/.test(accepts) && asset.br
        ? 'br'
        : /\bgzip\b/.test(accepts) && asset.gzip
          ? 'gzip'
          : null;
    void reply
      .type(asset.type)
      .header('cache-control', name === '' ? 'no-cache' : 'public, max-age=3600')
      .header('vary', 'accept-encoding');
    if (encoding) void reply.header('content-encoding', encoding);
    return reply.send(encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.raw);
  }
}

/** Compressed once, in memory (quality 5: a second for Swagger UI's 1.5 MB, not a minute). */
async function compress(asset: Asset): Promise<Asset> {
  if (asset.raw.length < 1024) return asset;
  const [br, gzipped] = await Promise.all([
    brotli(asset.raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    gz(asset.raw, { level: 6 }),
  ]);
  return { ...asset, br, gzip: gzipped };
}
