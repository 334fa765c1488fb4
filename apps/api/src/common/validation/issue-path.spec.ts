import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { issuePath, validationIssues } from './issue-path';

const HOSTILE = 'h0stile<img src=x>';

describe('issuePath', () => {
  const schema = z.strictObject({
    domains: z.record(z.string(), z.object({ score: z.number().int() })),
    people: z.array(z.object({ name: z.string().optional() })).optional(),
    nested: z.object({ inner: z.string() }).nullable().pipe(z.any()),
    either: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
  });

  function detailsOf(value: unknown) {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected a failure');
    return validationIssues(result.error.issues, schema);
  }

  it('keeps declared fields and positions', () => {
    expect(issuePath(['people', 3, 'name'], schema)).toBe('people.3.name');
    expect(issuePath(['nested', 'inner'], schema)).toBe('nested.inner');
    expect(issuePath(['either', 'b'], schema)).toBe('either.b');
  });

  it('replaces record keys and unknown fields by *', () => {
    expect(issuePath(['domains', HOSTILE, 'score'], schema)).toBe('domains.*.score');
    expect(issuePath([HOSTILE, 'x'], schema)).toBe('*.*');
  });

  it('names a record key only when the caller knows it (e.g. a ZRM domain)', () => {
    const known = new Set(['financien']);
    expect(issuePath(['domains', 'financien', 'score'], schema, known)).toBe(
      'domains.financien.score',
    );
    expect(issuePath(['domains', HOSTILE, 'score'], schema, known)).toBe('domains.*.score');
    // Only record keys: an unknown field stays hidden even when its name is in the set.
    expect(issuePath(['financien'], schema, known)).toBe('*');
  });

  it('never echoes a hostile key from a real parse (record key, unknown key message)', () => {
    const details = detailsOf({
      domains: { [HOSTILE]: { score: 'x' } },
      either: { a: 'ok' },
      nested: { inner: 'ok' },
      [HOSTILE]: true,
    });
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'domains.*.score', issue: 'invalid_type' },
        { path: '', issue: 'unrecognized_keys' },
      ]),
    );
    expect(JSON.stringify(details)).not.toContain('h0stile');
  });

  it('keeps the caller rule, but never a message naming unknown keys', () => {
    const result = schema.safeParse({
      domains: {},
      either: { a: 'x' },
      nested: null,
      [HOSTILE]: 1,
    });
    if (result.success) throw new Error('expected a failure');
    const details = validationIssues(result.error.issues, schema, (i) => i.message);
    expect(JSON.stringify(details)).not.toContain('h0stile');
  });
});
