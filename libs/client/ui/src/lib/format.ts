/** `3 d 04:05:06`, or `04:05:06` under a day: language-neutral uptime. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hh = String(Math.floor((seconds % 86_400) / 3_600)).padStart(2, '0');
  const mm = String(Math.floor((seconds % 3_600) / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `${days > 0 ? `${days} d ` : ''}${hh}:${mm}:${ss}`;
}

/** `+12 ms` / `−3 ms` / `0 ms` (a real minus sign). */
export function formatOffset(offsetMs: number): string {
  const rounded = Math.round(offsetMs);
  if (rounded === 0) return '0 ms';
  return `${rounded > 0 ? '+' : '\u2212'}${Math.abs(rounded)} ms`;
}

/** A date and time in the UI language, e.g. `22 november 2026 om 16:08`. */
export function formatDateTime(value: string | Date, lang: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}
