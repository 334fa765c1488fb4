import * as z from 'zod';
import {
  createDocument,
  type ZodOpenApiObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { errorResponseSchema } from '@casustafel/contracts';
import type { NestRoute } from './nest-routes';
import { ROUTE_DOCS, type RouteDoc } from './route-docs';

/** `/api/meetings/:meetingId` → `/api/meetings/{meetingId}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
}

function tagOf(route: NestRoute): string {
  return route.controller.replace(/Controller$/, '');
}

function successResponse(route: NestRoute, doc: RouteDoc): ZodOpenApiResponsesObject {
  const { response } = doc;
  if (response === 'redirect') return { '302': { description: 'Redirect (Location header)' } };
  if (
    response === 'application/pdf' ||
    response === 'text/calendar' ||
    response === 'image/svg+xml' ||
    response === 'text/csv'
  )
    return {
      [String(route.status)]: {
        description: {
          'application/pdf': 'PDF document',
          'text/calendar': 'iCalendar (.ics)',
          'image/svg+xml': 'SVG image',
          'text/csv': 'CSV (UTF-8 with BOM, semicolons)',
        }[response],
        content: { [response]: { schema: z.string().meta({ format: 'binary' }) } },
      },
    };
  if (response === null) return { [String(route.status)]: { description: 'No content' } };
  if (response instanceof z.ZodType) {
    const content: Record<string, { schema: z.ZodType }> = {
      'application/json': { schema: response },
    };
    if (doc.alsoAs) content[doc.alsoAs] = { schema: z.string() };
    return { [String(route.status)]: { description: 'Success', content } };
  }
  return {
    [String(route.status)]: {
      description: `JSON of the contracts type \`${response.typescript}\` (libs/contracts; no zod schema yet)`,
      content: { 'application/json': { schema: z.looseObject({}) } },
    },
  };
}

function operation(route: NestRoute, doc: RouteDoc): ZodOpenApiOperationObject {
  const names = pathParamNames(route.path);
  const pathParams =
    names.length > 0
      ? z.object(Object.fromEntries(names.map((n) => [n, route.params[n] ?? z.string()])))
      : undefined;
  const query = route.query instanceof z.ZodObject ? route.query : undefined;
  const isPublic = route.policy?.permission === 'public';
  return {
    operationId: `${tagOf(route)}.${route.handler}`,
    tags: [tagOf(route)],
    ...(doc.summary ? { summary: doc.summary } : {}),
    ...(route.policy
      ? {
          description: `Permission: \`${route.policy.permission}\`; audit: \`${route.policy.audit}\`.`,
        }
      : {}),
    ...(pathParams || query
      ? {
          requestParams: {
            ...(pathParams ? { path: pathParams } : {}),
            ...(query ? { query } : {}),
          },
        }
      : {}),
    ...(route.body
      ? { requestBody: { content: { 'application/json': { schema: route.body } } } }
      : {}),
    // Public routes need no session; all others the session cookie, and state-changing ones
    // also the CSRF token of the session (GET /api/auth/session) in `x-csrf-token`.
    security: isPublic
      ? []
      : route.method === 'get'
        ? [{ session: [] }]
        : [{ session: [], csrf: [] }],
    responses: {
      ...successResponse(route, doc),
      '4XX': {
        description: 'Refused: a code from libs/contracts (VALIDATION_FAILED, FORBIDDEN, …)',
        content: { 'application/json': { schema: errorResponseSchema } },
      },
    },
  };
}

/** Routes the app has that the registry does not document (the test wants none). */
export function undocumentedRoutes(routes: readonly NestRoute[]): string[] {
  return routes.filter((r) => !(r.key in ROUTE_DOCS)).map((r) => r.key);
}

/**
 * The OpenAPI 3.1 document of every documented route: paths, methods, parameters and bodies from
 * the routes' own zod pipes, responses from `ROUTE_DOCS`, all rendered by zod-openapi from the
 * same zod schemas the api validates with.
 */
export function buildOpenApiDocument(
  routes: readonly NestRoute[],
  info: { version: string; cookieName: string },
): ReturnType<typeof createDocument> {
  const paths: NonNullable<ZodOpenApiObject['paths']> = {};
  for (const route of routes) {
    const doc = ROUTE_DOCS[route.key];
    if (!doc) continue;
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, doc) };
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Casustafel api',
        version: info.version,
        description:
          'The HTTP api of Casustafel (the live channel is socket.io under /live and is not part of this document). ' +
          'Sign in with POST /api/auth/login; the session is an HttpOnly cookie.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: info.cookieName },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      paths,
    },
    {
      // A response field normalised by a transform (a postcode, say) is documented without a
      // type rather than refused: the type of its input is not necessarily what is sent.
      allowEmptySchema: { pipe: { output: true }, transform: { output: true } },
    },
  );
}
