const EUR = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** Cents as Dutch euros: `€ 4.500,00`. */
export function euros(cents: number | null): string {
  return cents === null ? '' : EUR.format(cents / 100);
}

/** Cents as an amount to edit in a text field: `4500,00` (read back by `parseEuros`). */
export function centsInput(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',');
}

/** A Dutch amount ("4.500", "4500,50", "€ 12,5") in cents, or null when it is not one. */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[€\s]/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.replace(/\./g, '').split(',');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Today's local date as `YYYY-MM-DD`. */
export function todayLocal(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A calendar date (`YYYY-MM-DD`) or an instant in the UI language: `20 november 2026`. */
export function formatPlanDate(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(date);
}
