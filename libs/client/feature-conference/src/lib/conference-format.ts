/** A date and time of the api (ISO) as the Dutch read it, in Amsterdam time; '' for none. */
export function localDateTime(iso: string | null, lang = 'nl-NL'): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

/** Amsterdam's offset from UTC (ms) at the instant `utcMs`. */
function amsterdamOffsetMs(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return wall - Math.floor(utcMs / 60_000) * 60_000;
}

/**
 * A datetime-local input's value as an ISO instant, read as Amsterdam time whatever the
 * browser's own time zone (the page shows every time in Amsterdam time too).
 */
export function fromLocalInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall)) return null;
  // The offset at the guessed instant, checked once more at the result (DST changes).
  let utc = wall - amsterdamOffsetMs(wall);
  utc = wall - amsterdamOffsetMs(utc);
  return new Date(utc).toISOString();
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
