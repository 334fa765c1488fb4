/** One problem with one field: a dotted path (`members.0.bsn`) and a code (zod's or a refusal's). */
export interface FieldIssue {
  path: string;
  issue: string;
}

/** What a zod `safeParse` answers, read structurally (the ui library does not load zod). */
interface ParseResult {
  success: boolean;
  error?: { issues: readonly { path: readonly PropertyKey[]; code: string }[] };
}

/**
 * The issues of a client-side check against a contract schema, in the shape the api answers
 * (`details` of a 400), so one lookup serves both: `issueAt(fieldIssues(schema.safeParse(v)), 'email')`.
 */
export function fieldIssues(result: ParseResult): FieldIssue[] {
  if (result.success || !result.error) return [];
  return result.error.issues.map((i) => ({
    path: i.path.map((p) => String(p)).join('.'),
    issue: i.code,
  }));
}

/** The first issue for a field: its exact path, or the first below it (`members.0.bsn` for `members.0`). */
export function issueAt(issues: readonly FieldIssue[], path: string): string | null {
  const hit =
    issues.find((i) => i.path === path) ?? issues.find((i) => i.path.startsWith(`${path}.`));
  return hit ? hit.issue : null;
}
