import { Pipe, type PipeTransform } from '@angular/core';
import { formatDateTime, formatDuration, formatOffset } from './format';

@Pipe({ name: 'cstDuration' })
export class DurationPipe implements PipeTransform {
  transform(seconds: number): string {
    return formatDuration(seconds);
  }
}

@Pipe({ name: 'cstOffset' })
export class OffsetPipe implements PipeTransform {
  transform(offsetMs: number): string {
    return formatOffset(offsetMs);
  }
}

/** Pure: pass the active language so the output follows a language switch. */
@Pipe({ name: 'cstDateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | Date, lang: string): string {
    return formatDateTime(value, lang);
  }
}
