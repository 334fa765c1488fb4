import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { MapPerson, NetworkMap } from '@casustafel/contracts';
import { genogramLegend, genogramShapes, layoutGenogram, SYMBOL } from '@casustafel/domain';
import { type GenogramAddMode, GenogramAddFormComponent } from './genogram-add-form.component';
import { type ArrowKey, nextSpot } from './genogram-keys';
import { GenogramPersonFormComponent } from './genogram-person-form.component';
import { GenogramTablesComponent } from './genogram-tables.component';
import { describePerson } from './genogram-text';
import { MapLegendComponent } from './map-legend.component';
import { mapWords } from './map-words';
import { ShapesComponent } from './shapes.component';

const ARROWS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];

/**
 * The genogram: drawn from the domain layout (dagre, by generation), edited with mouse and
 * keyboard. Persons are buttons on the drawing (one Tab stop; arrow keys move between them);
 * the toolbar adds a person, partner, child, parents or an emotional relation to the chosen
 * person; the side form changes the chosen person's traits (deceased only after a question).
 * Below: the legend and the same data as tables (the text alternative).
 */
@Component({
  selector: 'cst-genogram-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    GenogramAddFormComponent,
    GenogramPersonFormComponent,
    GenogramTablesComponent,
    MapLegendComponent,
    ShapesComponent,
  ],
  templateUrl: './genogram-editor.component.html',
  styleUrl: './network-maps.css',
  styles: ':host { display: block; }',
})
export class GenogramEditorComponent {
  readonly map = input.required<NetworkMap>();
  readonly readonly = input(false);
  readonly #host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly #transloco = inject(TranslocoService);
  protected readonly symbol = SYMBOL;
  readonly #words = mapWords();
  protected readonly year = new Date().getFullYear();

  protected readonly layout = computed(() => layoutGenogram(this.map()));
  protected readonly shapes = computed(() =>
    genogramShapes(this.layout(), this.year, this.#words.genogram()),
  );
  protected readonly legend = computed(() => genogramLegend(10, 4, this.#words.genogram()));
  protected readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(() => {
    const id = this.selectedId();
    return id ? (this.map().persons.find((p) => p.id === id) ?? null) : null;
  });
  /** The one person reachable with Tab (the chosen one, or the first). */
  protected readonly tabStop = computed(
    () => this.selected()?.id ?? this.layout().persons[0]?.person.id ?? null,
  );
  protected readonly hasParents = computed(() =>
    this.map().links.some((l) => l.kind === 'child' && l.to === this.selectedId()),
  );

  /** The add form that is open, and how often one was opened (each opening empties it). */
  protected readonly mode = signal<GenogramAddMode | null>(null);
  protected readonly opening = signal(0);
  private readonly personForm = viewChild(GenogramPersonFormComponent);

  /** What a screen reader hears on a person: name, sex, years, deceased, index person. */
  protected describe(p: MapPerson): string {
    return describePerson(p, (key, params) => this.#transloco.translate(`network.${key}`, params));
  }

  /* ---------- choosing and moving ---------- */

  protected select(id: string): void {
    if (this.selectedId() !== id) this.selectedId.set(id);
  }

  protected onKey(event: KeyboardEvent, id: string): void {
    if (ARROWS.includes(event.key)) {
      event.preventDefault();
      const spots = this.layout().persons.map((p) => ({ id: p.person.id, x: p.x, y: p.y }));
      const next = nextSpot(spots, id, event.key as ArrowKey);
      if (next) this.focusPerson(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select(id);
      this.personForm()?.focusFirst();
    }
  }

  private focusPerson(id: string): void {
    this.select(id);
    // Once the drawing has the person (a new one appears after the map is read again; the form
    // that had focus disappears meanwhile): retried for a moment, then given up.
    const deadline = Date.now() + 3000;
    const attempt = () => {
      if (this.selectedId() !== id) return;
      const el = this.#host.nativeElement.querySelector<SVGGElement>(
        `[data-person-id="${CSS.escape(id)}"]`,
      );
      el?.focus();
      if ((!el || document.activeElement !== el) && Date.now() < deadline) setTimeout(attempt, 50);
    };
    setTimeout(attempt);
  }

  /* ---------- adding ---------- */

  protected open(mode: GenogramAddMode): void {
    this.mode.set(mode);
    this.opening.update((n) => n + 1);
  }

  protected added(personId: string): void {
    this.mode.set(null);
    this.focusPerson(personId);
  }

  protected cancel(): void {
    const back = this.selectedId();
    this.mode.set(null);
    if (back) this.focusPerson(back);
  }
}
