import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { NetworkMap } from '@casustafel/contracts';
import type { GenogramLayout } from '@casustafel/domain';
import { linkDetails, nameOf } from './genogram-text';

/** The genogram as tables (its text alternative): the persons, then the relations. */
@Component({
  selector: 'cst-genogram-tables',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  styles: ':host { display: contents; }',
  templateUrl: './genogram-tables.component.html',
})
export class GenogramTablesComponent {
  readonly map = input.required<NetworkMap>();
  readonly layout = input.required<GenogramLayout>();
  readonly #transloco = inject(TranslocoService);

  #t = (key: string, params?: Record<string, unknown>): string =>
    this.#transloco.translate(`network.${key}`, params);

  protected nameOf(id: string): string {
    return nameOf(this.map(), id, this.#t);
  }

  protected linkDetails(l: NetworkMap['links'][number]): string {
    return linkDetails(l, this.#t);
  }
}
