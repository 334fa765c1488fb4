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

/** A date (`YYYY-MM-DD`) or an instant (ISO) as a Dutch date, e.g. `4 januari 2027`; '—' for none. */
export function localDate(value: string | null, lang = 'nl-NL'): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
    date,
  );
}
