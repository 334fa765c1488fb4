import { Pipe, type PipeTransform } from '@angular/core';

/** A calendar date (`YYYY-MM-DD`, or an instant) in the UI language: `20 november 2026`. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(date);
}

/** Pure: pass the active language so the output follows a language switch. */
@Pipe({ name: 'cstDate' })
export class DatePipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string): string {
    return formatDate(value, lang);
  }
}
