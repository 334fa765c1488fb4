import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ECO_CATEGORIES,
  type EcoCategory,
  type EcoTie,
  ENERGY_DIRECTIONS,
  type EnergyDirection,
  type NetworkMap,
  SUPPORT_CODES,
  type SupportCode,
  TIE_STRENGTHS,
  type TieStrength,
} from '@casustafel/contracts';
import { type ApiResult, failureMessageKey, NetworkMapStore } from '@casustafel/client/data-access';
import { ecogramLegend, ecogramShapes, layoutEcogram } from '@casustafel/domain';
import { MessageRegionComponent, FIELD } from '@casustafel/client/ui';
import { ChoiceFieldComponent } from './choice-field.component';
import { TextFieldComponent } from './text-field.component';
import { MapLegendComponent } from './map-legend.component';
import { mapWords } from './map-words';
import { ShapesComponent } from './shapes.component';

/**
 * The ecogram: the household in the centre, systems around it (tie strength as line style,
 * arrows for the direction of energy, P/G/A/E codes). Edited in the form and table below the
 * drawing (which is also its text alternative).
 */
@Component({
  selector: 'cst-ecogram-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    MessageRegionComponent,
    ChoiceFieldComponent,
    TextFieldComponent,
    FIELD,
    MapLegendComponent,
    ShapesComponent,
  ],
  templateUrl: './ecogram-editor.component.html',
  styleUrl: './network-maps.css',
  styles: ':host { display: block; }',
})
export class EcogramEditorComponent {
  readonly map = input.required<NetworkMap>();
  readonly readonly = input(false);
  protected readonly store = inject(NetworkMapStore);
  readonly #words = mapWords();
  protected readonly categories = ECO_CATEGORIES;
  protected readonly strengths = TIE_STRENGTHS;
  protected readonly energies = ENERGY_DIRECTIONS;
  protected readonly supportCodes = SUPPORT_CODES;

  protected readonly layout = computed(() => layoutEcogram(this.map()));
  protected readonly shapes = computed(() =>
    ecogramShapes(this.map(), this.layout(), this.#words.ecogram()),
  );
  protected readonly legend = computed(() => ecogramLegend(10, 4, this.#words.ecogram()));
  protected readonly networkPersons = computed(() =>
    this.map().persons.filter(
      (p) => p.kind === 'network' && !this.map().ties.some((t) => t.networkPersonId === p.id),
    ),
  );

  protected readonly category = signal<EcoCategory>('school');
  protected readonly label = signal('');
  protected readonly networkPersonId = signal('');
  protected readonly strength = signal<TieStrength>('sterk');
  protected readonly energy = signal<EnergyDirection>('geen');
  protected readonly codes = signal<SupportCode[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  protected toggle(code: SupportCode, on: boolean): void {
    this.codes.update((list) =>
      on ? [...new Set([...list, code])] : list.filter((c) => c !== code),
    );
  }

  #result(result: ApiResult<unknown>): boolean {
    this.error.set(result.ok ? null : failureMessageKey(result.failure));
    return result.ok;
  }

  protected async add(): Promise<void> {
    if (this.busy()) return;
    const label = this.label().trim();
    const networkPersonId = this.networkPersonId() || null;
    if (!label && !networkPersonId) {
      this.error.set('network.ecogram.labelRequired');
      return;
    }
    this.busy.set(true);
    const result = await this.store.addTie({
      category: this.category(),
      label: networkPersonId ? null : label,
      networkPersonId,
      strength: this.strength(),
      energy: this.energy(),
      codes: this.codes(),
    });
    this.busy.set(false);
    if (this.#result(result)) {
      this.label.set('');
      this.networkPersonId.set('');
      this.codes.set([]);
    }
  }

  protected async update(
    tie: EcoTie,
    patch: Parameters<NetworkMapStore['updateTie']>[1],
  ): Promise<void> {
    this.#result(await this.store.updateTie(tie.id, patch));
  }

  protected async toggleTieCode(tie: EcoTie, code: SupportCode, on: boolean): Promise<void> {
    const codes = on ? [...new Set([...tie.codes, code])] : tie.codes.filter((c) => c !== code);
    await this.update(tie, { codes });
  }

  protected async remove(tie: EcoTie): Promise<void> {
    this.#result(await this.store.removeTie(tie.id));
  }
}
