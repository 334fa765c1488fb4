import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from '../errors/domain.error';
import { validationIssues } from './issue-path';

/**
 * The one validation pipe, for HTTP bodies/queries/params and socket payloads alike, with a
 * schema from `@casustafel/contracts`. Issues name the field and the rule, never the value nor a key the client chose.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new DomainError(
      'VALIDATION_FAILED',
      'The request payload is invalid',
      validationIssues(result.error.issues, this.schema),
    );
  }
}
