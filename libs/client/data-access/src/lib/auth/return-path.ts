/**
 * A `terug` (return) address is only followed when it is a path inside this application:
 * starts with one `/`, no scheme, no protocol-relative `//`, no backslash tricks.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string') return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (value.startsWith('/inloggen') || value.startsWith('/activeren')) return '/';
  return value;
}
