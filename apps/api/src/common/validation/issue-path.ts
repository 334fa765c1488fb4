import type { z } from 'zod';
import type { ValidationIssue } from '@casustafel/contracts';

/** What stands in a path for a key the client chose (a record key, an unknown field). */
export const UNKNOWN_KEY = '*';

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The schemas a value may be checked against once wrappers (optional, pipe, union…) are opened. */
function unwrap(schemas: readonly z.ZodType[]): z.ZodType[] {
  const out: z.ZodType[] = [];
  const seen = new Set<z.ZodType>();
  const queue = [...schemas];
  // Bounded: every schema is visited once.
  while (queue.length > 0) {
    const schema = queue.shift() as z.ZodType;
    if (seen.has(schema)) continue;
    seen.add(schema);
    const def = defOf(schema);
    if (def.innerType) queue.push(def.innerType);
    else if (def.type === 'pipe') queue.push(...[def.in, def.out].filter((s) => s !== undefined));
    else if (def.type === 'union' && def.options) queue.push(...def.options);
    else if (def.type === 'intersection')
      queue.push(...[def.left, def.right].filter((s) => s !== undefined));
    else if (def.type === 'lazy' && def.getter) queue.push(def.getter());
    else out.push(schema);
  }
  return out;
}

/**
 * The path of a validation issue as the api may show it: field names the schema declares,
 * array positions, and record keys the caller names as known (e.g. the ZRM's domain keys). Any
 * other key the client chose (a record key, an unknown field) becomes `*`, so a hostile key is
 * never echoed back (`domains.<key>.score` → `domains.*.score`).
 */
export function issuePath(
  path: readonly PropertyKey[],
  schema: z.ZodType,
  knownRecordKeys: ReadonlySet<string> = new Set(),
): string {
  let candidates: z.ZodType[] = [schema];
  const parts: string[] = [];
  for (const segment of path) {
    const open = unwrap(candidates);
    const next: z.ZodType[] = [];
    let known = false;
    for (const s of open) {
      const def = defOf(s);
      if (typeof segment === 'number') {
        if (def.type === 'array' && def.element) next.push(def.element);
        else if (def.type === 'tuple') {
          const item = def.items?.[segment] ?? def.rest ?? undefined;
          if (item) next.push(item);
        } else if (def.type === 'set' && def.valueType) next.push(def.valueType);
        known = true;
      } else if (typeof segment === 'string') {
        if (def.type === 'object' && def.shape && Object.hasOwn(def.shape, segment)) {
          next.push(def.shape[segment] as z.ZodType);
          known = true;
        } else if ((def.type === 'record' || def.type === 'map') && def.valueType) {
          next.push(def.valueType);
          if (knownRecordKeys.has(segment)) known = true;
        }
      }
    }
    parts.push(known && typeof segment !== 'symbol' ? String(segment) : UNKNOWN_KEY);
    candidates = next;
  }
  return parts.join('.');
}

/** Zod issues → the api's validation details (at most 20), naming only known fields. */
export function validationIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  rule: (issue: z.core.$ZodIssue, path: string) => string = (issue) => issue.code,
  knownRecordKeys: ReadonlySet<string> = new Set(),
): ValidationIssue[] {
  return issues.slice(0, 20).map((issue) => {
    const path = issuePath(issue.path, schema, knownRecordKeys);
    // The message of an unknown-keys issue names the keys: only the code goes out.
    return { path, issue: issue.code === 'unrecognized_keys' ? issue.code : rule(issue, path) };
  });
}
