/** The value, or a test failure when it is absent: for lookups a test expects to succeed. */
export function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}
