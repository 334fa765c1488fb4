import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  CHILD_TYPES,
  type ChildType,
  EMOTIONAL_TYPES,
  type EmotionalType,
  type Gender,
  GENDERS,
  type MapPerson,
  type NetworkMap,
  PARTNERSHIP_STATUSES,
  type PartnershipStatus,
} from '@casustafel/contracts';
import { type ApiResult, NetworkMapStore } from '@casustafel/client/data-access';
import { MessageRegionComponent, FIELD } from '@casustafel/client/ui';
import { ChoiceFieldComponent } from './choice-field.component';
import { TextFieldComponent } from './text-field.component';
import { parseYear } from './genogram-keys';
import { eventChecked, eventText, nameOf, partnershipsOf, refusalKey } from './genogram-text';

export type GenogramAddMode = 'person' | 'partner' | 'child' | 'parents' | 'emotion';

/**
 * The genogram's add form: a person, or a partner, child, parents or emotional relation of the
 * chosen person. Emptied whenever it is opened (`opening` counts the openings); `added` tells
 * whom to focus on the drawing afterwards.
 */
@Component({
  selector: 'cst-genogram-add-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, MessageRegionComponent, ChoiceFieldComponent, TextFieldComponent, FIELD],
  styles: ':host { display: contents; }',
  styleUrl: './network-maps.css',
  templateUrl: './genogram-add-form.component.html',
})
export class GenogramAddFormComponent {
  readonly map = input.required<NetworkMap>();
  readonly mode = input.required<GenogramAddMode>();
  readonly selected = input<MapPerson | null>(null);
  /** Changes on every opening of the form (also of the same kind): empties it. */
  readonly opening = input(0);
  /** A person or relation was added; the person to focus on the drawing. */
  readonly added = output<string>();
  readonly cancelled = output<void>();

  protected readonly store = inject(NetworkMapStore);
  readonly #host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly #transloco = inject(TranslocoService);
  protected readonly genders = GENDERS;
  protected readonly statuses = PARTNERSHIP_STATUSES;
  protected readonly childTypes = CHILD_TYPES;
  protected readonly emotions = EMOTIONAL_TYPES;
  protected readonly text = eventText;
  protected readonly checked = eventChecked;

  protected readonly selectedId = computed(() => this.selected()?.id ?? null);
  protected readonly partnerships = computed(() => partnershipsOf(this.map()));

  protected readonly who = signal('new');
  protected readonly name = signal('');
  protected readonly gender = signal<Gender>('onbekend');
  protected readonly birthYear = signal('');
  protected readonly status = signal<PartnershipStatus>('getrouwd');
  protected readonly startYear = signal('');
  protected readonly childType = signal<ChildType>('biologisch');
  protected readonly twinGroup = signal('');
  protected readonly parentLink = signal('');
  protected readonly fatherName = signal('');
  protected readonly motherName = signal('');
  protected readonly other = signal('');
  protected readonly emotion = signal<EmotionalType>('hecht');
  protected readonly directed = signal(false);
  protected readonly addError = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    effect(() => {
      this.opening();
      this.mode();
      untracked(() => this.#reset());
    });
  }

  protected nameOf(id: string): string {
    return nameOf(this.map(), id, (key, params) =>
      this.#transloco.translate(`network.${key}`, params),
    );
  }

  #reset(): void {
    this.who.set('new');
    this.name.set('');
    this.gender.set('onbekend');
    this.birthYear.set('');
    this.startYear.set('');
    this.twinGroup.set('');
    this.fatherName.set('');
    this.motherName.set('');
    this.directed.set(false);
    this.addError.set(null);
    const id = this.selectedId();
    const union = this.partnerships().find((p) => p.from === id || p.to === id);
    this.parentLink.set(union?.id ?? id ?? '');
    this.other.set(this.map().persons.find((p) => p.id !== id)?.id ?? '');
    setTimeout(() =>
      this.#host.nativeElement.querySelector<HTMLElement>('[data-first-add-field]')?.focus(),
    );
  }

  #ok<T>(result: ApiResult<T>): result is { ok: true; data: T } {
    if (!result.ok) this.addError.set(refusalKey(result));
    return result.ok;
  }

  /** The chosen existing person, or a new one made from the form (map-only network person). */
  async #personFromForm(): Promise<string | null> {
    if (this.who() !== 'new') return this.who();
    const name = this.name().trim();
    const birthYear = parseYear(this.birthYear());
    if (!name) {
      this.addError.set('network.genogram.form.required');
      return null;
    }
    if (Number.isNaN(birthYear)) {
      this.addError.set('network.genogram.form.yearInvalid');
      return null;
    }
    const made = await this.store.addPerson({ name, gender: this.gender(), birthYear });
    return this.#ok(made) ? made.data.id : null;
  }

  /** Adds the parents: father and/or mother, as a couple when both are named. */
  async #addParents(selected: string): Promise<string | null> {
    const father = this.fatherName().trim();
    const mother = this.motherName().trim();
    if (!father && !mother) {
      this.addError.set('network.genogram.form.required');
      return null;
    }
    const made: string[] = [];
    for (const [name, gender] of [
      [father, 'man'],
      [mother, 'vrouw'],
    ] as const) {
      if (!name) continue;
      const person = await this.store.addPerson({ name, gender });
      if (!this.#ok(person)) return null;
      made.push(person.data.id);
    }
    let from = made[0] as string;
    if (made.length === 2) {
      const union = await this.store.addLink({
        kind: 'partnership',
        from: made[0] as string,
        to: made[1] as string,
        status: 'getrouwd',
      });
      if (!this.#ok(union)) return null;
      from = union.data.id;
    }
    const linked = await this.store.addLink({ kind: 'child', from, to: selected });
    return this.#ok(linked) ? (made[0] ?? null) : null;
  }

  async #add(selected: string | null): Promise<string | null> {
    const mode = this.mode();
    if (mode === 'person') return this.#personFromForm();
    if (!selected) return null;
    if (mode === 'partner') {
      const partner = await this.#personFromForm();
      const startYear = parseYear(this.startYear());
      if (!partner || Number.isNaN(startYear)) return null;
      const linked = await this.store.addLink({
        kind: 'partnership',
        from: selected,
        to: partner,
        status: this.status(),
        startYear,
      });
      return this.#ok(linked) ? partner : null;
    }
    if (mode === 'child') {
      const child = await this.#personFromForm();
      if (!child) return null;
      const linked = await this.store.addLink({
        kind: 'child',
        from: this.parentLink() || selected,
        to: child,
        childType: this.childType(),
        twinGroup: this.twinGroup().trim() || null,
      });
      return this.#ok(linked) ? child : null;
    }
    if (mode === 'parents') return this.#addParents(selected);
    if (!this.other()) return null;
    const linked = await this.store.addLink({
      kind: 'emotional',
      from: selected,
      to: this.other(),
      emotion: this.emotion(),
      directed: this.directed(),
    });
    return this.#ok(linked) ? selected : null;
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.addError.set(null);
    try {
      const focus = await this.#add(this.selectedId());
      if (focus) this.added.emit(focus);
    } finally {
      this.busy.set(false);
    }
  }
}
