import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DomainError } from '../errors/domain.error';
import { pathToNul, RefuseNulPipe, ZodValidationPipe } from './zod-validation.pipe';

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

describe('ZodValidationPipe and the NUL character', () => {
  const pipe = new ZodValidationPipe(
    z.object({ name: z.string(), items: z.array(z.object({ text: z.string() })) }),
  );
  const refusal = (value: unknown) => {
    try {
      pipe.transform(value);
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('not refused');
  };

  it('refuses a NUL in a value, nested or in an array, naming the field', () => {
    expect(refusal({ name: 'a\u0000b', items: [] }).details).toEqual([
      { path: 'name', issue: 'control-character' },
    ]);
    expect(refusal({ name: 'ok', items: [{ text: 'ok' }, { text: '\u0000' }] }).details).toEqual([
      { path: 'items.1.text', issue: 'control-character' },
    ]);
  });

  it('refuses a NUL in a key without echoing the key', () => {
    const error = refusal({ name: 'ok', items: [], ['geheim\u0000']: 1 });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(error.details)).not.toContain('geheim');
  });

  it('passes binary payloads and ordinary text through', () => {
    expect(pathToNul(new Uint8Array([0, 1, 2]))).toBeNull();
    expect(pathToNul({ update: new Uint8Array([0]) })).toBeNull();
    expect(pipe.transform({ name: 'Şükrü\ttab', items: [] })).toEqual({
      name: 'Şükrü\ttab',
      items: [],
    });
  });
});

describe('RefuseNulPipe (every HTTP body, query and parameter)', () => {
  const pipe = new RefuseNulPipe();
  const body = { type: 'body' as const };

  it('refuses a NUL with the field path, a chosen key as *', () => {
    expect(() => pipe.transform({ label: 'a\u0000' }, body)).toThrow(DomainError);
    let refused: unknown = null;
    try {
      pipe.transform({ members: [{ givenName: 'x', 'h0stile key': '\u0000' }] }, body);
    } catch (e) {
      refused = e;
    }
    expect((refused as DomainError).details).toEqual([
      { path: 'members.0.*', issue: 'control-character' },
    ]);
    expect(pipe.transform({ label: 'gewoon' }, body)).toEqual({ label: 'gewoon' });
    expect(pipe.transform('abc', { type: 'param' })).toBe('abc');
  });
});
