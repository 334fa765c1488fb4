/** A date and time of the api (ISO) as the Dutch read it, in Amsterdam time; '' for none. */
export function localDateTime(iso: string | null, lang = 'nl-NL'): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

/** A datetime-local input's value (Amsterdam time as typed) as an ISO string with offset. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
