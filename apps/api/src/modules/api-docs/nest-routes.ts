import { RequestMethod } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type * as z from 'zod';
import { ACCESS_POLICY, type AccessPolicy } from '../../common/access/access.decorator';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';

/** Nest's `RouteParamtypes` (not exported from the package's entry point). */
const BODY = 3;
const QUERY = 4;
const PARAM = 5;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

const METHODS: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

/** One HTTP route of a Nest controller, with what its zod pipes validate. */
export interface NestRoute {
  method: HttpMethod;
  /** As Fastify routes it: `/api/meetings/:meetingId`. */
  path: string;
  /** `GET /api/meetings/:meetingId` — the registry's key. */
  key: string;
  controller: string;
  handler: string;
  policy: AccessPolicy | undefined;
  /** `@HttpCode(...)`, else Nest's default (201 for POST, 200 otherwise). */
  status: number;
  /** Path parameters validated by a zod pipe, by name. */
  params: Record<string, z.ZodType>;
  query: z.ZodType | null;
  body: z.ZodType | null;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

function firstPath(value: unknown): string {
  if (Array.isArray(value)) return String(value[0] ?? '');
  return typeof value === 'string' ? value : '';
}

interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/** The zod schema of the first `ZodValidationPipe` among `pipes`, if any. */
function zodSchemaOf(pipes: unknown[] | undefined): z.ZodType | null {
  const pipe = (pipes ?? []).find(
    (p): p is ZodValidationPipe<z.ZodType> => p instanceof ZodValidationPipe,
  );
  return pipe ? pipe.schema : null;
}

/**
 * Every HTTP route the app's controllers declare, read from Nest's own metadata (paths, method,
 * status code, parameter decorators and their pipes): what the OpenAPI document is built from,
 * and what the test that requires every route to be documented enumerates.
 */
export function discoverRoutes(modules: ModulesContainer, globalPrefix = 'api'): NestRoute[] {
  const discovery = new DiscoveryService(modules);
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: NestRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const metatype = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!metatype || !wrapper.instance) continue;
    const base = firstPath(Reflect.getMetadata(PATH_METADATA, metatype));
    const prototype = metatype.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const fn = prototype[name] as (...args: unknown[]) => unknown;
      const routePath = Reflect.getMetadata(PATH_METADATA, fn) as unknown;
      if (routePath === undefined) continue;
      const method = METHODS[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
      if (!method) continue;
      const path = joinPath(globalPrefix, base, firstPath(routePath));
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<
        string,
        RouteArg
      >;
      const params: Record<string, z.ZodType> = {};
      let query: z.ZodType | null = null;
      let body: z.ZodType | null = null;
      for (const [key, arg] of Object.entries(args)) {
        const type = Number(key.split(':')[0]);
        const schema = zodSchemaOf(arg.pipes);
        if (!schema) continue;
        if (type === PARAM && typeof arg.data === 'string') params[arg.data] = schema;
        else if (type === QUERY && arg.data === undefined) query = schema;
        else if (type === BODY && arg.data === undefined) body = schema;
      }
      const status =
        (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ??
        (method === 'post' ? 201 : 200);
      routes.push({
        method,
        path,
        key: `${method.toUpperCase()} ${path}`,
        controller: wrapper.name,
        handler: name,
        policy: reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
          fn,
          metatype,
        ]),
        status,
        params,
        query,
        body,
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
