import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DomainError } from '../errors/domain.error';
import { ZodValidationPipe } from './zod-validation.pipe';

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(z.object({ name: z.string().max(5), age: z.number().int() }));

  it('returns the parsed value', () => {
    expect(pipe.transform({ name: 'Ada', age: 3, extra: true })).toEqual({ name: 'Ada', age: 3 });
  });

  it('throws VALIDATION_FAILED naming fields and rules but not the values', () => {
    let error: unknown;
    try {
      pipe.transform({ name: 'Geheime Naam', age: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    expect((error as DomainError).details).toEqual([
      { path: 'name', issue: 'too_big' },
      { path: 'age', issue: 'invalid_type' },
    ]);
    expect(JSON.stringify(error)).not.toContain('Geheime');
  });
});
