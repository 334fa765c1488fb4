import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from '../errors/domain.error';
import { issuePath, validationIssues } from './issue-path';

/** Deepest nesting searched; a deeper payload is left to its schema (which refuses it). */
const MAX_DEPTH = 32;

/**
 * The path of the first string (value or key) holding a NUL character, or null. Bounded by the
 * payload itself (the body limit) and MAX_DEPTH.
 */
export function pathToNul(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null || path.length >= MAX_DEPTH) return null;
  // Binary payloads (a note's Yjs update) hold no text.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = pathToNul(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = pathToNul(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * The one validation pipe, for HTTP bodies/queries/params and socket payloads alike, with a
 * schema from `@casustafel/contracts`. Issues name the field and the rule, never the value nor a key the client chose.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    // PostgreSQL's text cannot hold U+0000: a NUL anywhere in the payload is refused here, for
    // every route and socket event at once, before any schema or statement sees it.
    const nul = pathToNul(value);
    if (nul !== null)
      throw new DomainError('VALIDATION_FAILED', 'The request payload is invalid', [
        { path: issuePath(nul, this.schema), issue: 'control-character' },
      ]);
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new DomainError(
      'VALIDATION_FAILED',
      'The request payload is invalid',
      validationIssues(result.error.issues, this.schema),
    );
  }
}

/** A key as a refusal may name it: a plain field name, else `*` (never a hostile key echoed). */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/**
 * Global pipe for every HTTP body, query and route parameter — including routes that validate
 * in their service (`@Body() body: unknown`): a NUL character is refused before any handler runs.
 * Socket payloads are covered by ZodValidationPipe, which every gateway uses.
 */
@Injectable()
export class RefuseNulPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const nul = pathToNul(value);
    if (nul === null) return value;
    const path = nul
      .map((segment) =>
        typeof segment === 'number' || FIELD_NAME.test(String(segment)) ? String(segment) : '*',
      )
      .join('.');
    throw new DomainError('VALIDATION_FAILED', 'The request payload is invalid', [
      { path, issue: 'control-character' },
    ]);
  }
}
