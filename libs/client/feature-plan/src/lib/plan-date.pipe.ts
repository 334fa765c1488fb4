import { Pipe, type PipeTransform } from '@angular/core';
import { formatPlanDate } from './plan.format';

/** Pure: pass the active language so the output follows a language switch. */
@Pipe({ name: 'cstPlanDate' })
export class PlanDatePipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string): string {
    return formatPlanDate(value, lang);
  }
}
