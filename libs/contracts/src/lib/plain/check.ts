/**
 * Zod-free checks for the client shell (issue 16 §1): the sign-in page and the app shell parse
 * the api's answers with these small guards instead of the zod schemas, so zod (≈ 26 kB
 * compressed) is not in the initial bundle. Each check mirrors one zod schema of this library;
 * `plain.spec.ts` holds them to agree with it on valid answers and on many broken ones. The api
 * keeps validating with zod.
 *
 * A `Check<T>` has zod's `safeParse` shape, so the client's `apiResult` takes either.
 */
export type CheckResult<T> = { success: true; data: T } | { success: false };

export interface Check<T> {
  safeParse(value: unknown): CheckResult<T>;
}

type Guard<T> = (value: unknown) => value is T;

function check<T>(guard: Guard<T>): Check<T> {
  return {
    safeParse: (value) => (guard(value) ? { success: true, data: value } : { success: false }),
  };
}

/** zod 4's `z.uuid()` pattern (RFC 9562 versions 1–8, nil and max). */
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
/** zod 4's `z.iso.datetime()` pattern (UTC `Z`, seconds required, any fraction). */
const ISO_DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$/;

export const string = check((v): v is string => typeof v === 'string');
export const boolean = check((v): v is boolean => typeof v === 'boolean');
export const uuid = check((v): v is string => typeof v === 'string' && UUID.test(v));
export const isoDateTime = check((v): v is string => typeof v === 'string' && ISO_DATETIME.test(v));

/** `z.number().int()` with an optional lower bound (`min`: inclusive). */
export function int(min?: number): Check<number> {
  return check(
    (v): v is number => Number.isSafeInteger(v) && (min === undefined || (v as number) >= min),
  );
}

export function literal<const T extends string | boolean>(value: T): Check<T> {
  return check((v): v is T => v === value);
}

export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  const set: ReadonlySet<unknown> = new Set(values);
  return check((v): v is T[number] => set.has(v));
}

export function startsWith(prefix: string): Check<string> {
  return check((v): v is string => typeof v === 'string' && v.startsWith(prefix));
}

export function nullable<T>(inner: Check<T>): Check<T | null> {
  return check((v): v is T | null => v === null || inner.safeParse(v).success);
}

/** `z.array(inner)` with zod's `.length(n)` or `.max(n)`. */
export function arrayOf<T>(
  inner: Check<T>,
  size: { length?: number; max?: number } = {},
): Check<T[]> {
  return check(
    (v): v is T[] =>
      Array.isArray(v) &&
      (size.length === undefined || v.length === size.length) &&
      (size.max === undefined || v.length <= size.max) &&
      v.every((item) => inner.safeParse(item).success),
  );
}

/** Marks a property that may be absent (`undefined`), as zod's `.optional()`. */
export interface Optional<T> {
  readonly optional: Check<T>;
}
export function optional<T>(inner: Check<T>): Optional<T> {
  return { optional: inner };
}

type Shape = Record<string, Check<unknown> | Optional<unknown>>;
type RequiredKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends Optional<unknown> ? never : K;
}[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
export type ShapeOf<S extends Shape> = {
  [K in RequiredKeys<S>]: S[K] extends Check<infer T> ? T : never;
} & { [K in OptionalKeys<S>]?: S[K] extends Optional<infer T> ? T : never };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A plain object with these properties. Others are allowed, as zod's `z.object`; with
 * `strict`, as `z.strictObject`, they are refused.
 */
export function object<S extends Shape>(
  shape: S,
  options: { strict?: boolean } = {},
): Check<ShapeOf<S>> {
  const entries = Object.entries(shape);
  return check((v): v is ShapeOf<S> => {
    if (!isRecord(v)) return false;
    if (options.strict && Object.keys(v).some((key) => !Object.hasOwn(shape, key))) return false;
    return entries.every(([key, property]) => {
      const value = v[key];
      if ('optional' in property)
        return value === undefined || property.optional.safeParse(value).success;
      return property.safeParse(value).success;
    });
  });
}
