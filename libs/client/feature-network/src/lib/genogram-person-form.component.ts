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
  viewChild,
} from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  CHILD_TYPES,
  type ChildType,
  type Gender,
  GENDERS,
  type MapPerson,
  type NetworkMap,
  PARTNERSHIP_STATUSES,
  type PartnershipStatus,
} from '@casustafel/contracts';
import { type ApiResult, NetworkMapStore } from '@casustafel/client/data-access';
import { MessageRegionComponent, ConfirmDialogComponent, FIELD } from '@casustafel/client/ui';
import { ChoiceFieldComponent } from './choice-field.component';
import { TextFieldComponent } from './text-field.component';
import { parseYear } from './genogram-keys';
import {
  eventChecked,
  eventText,
  linkDetails,
  nameOf,
  partnershipsOf,
  refusalKey,
} from './genogram-text';

/**
 * The side form of the chosen person: their traits (deceased only after a question) and their
 * relations, each to change or remove.
 */
@Component({
  selector: 'cst-genogram-person-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    MessageRegionComponent,
    ChoiceFieldComponent,
    ConfirmDialogComponent,
    TextFieldComponent,
    FIELD,
  ],
  styles: ':host { display: contents; }',
  styleUrl: './network-maps.css',
  templateUrl: './genogram-person-form.component.html',
})
export class GenogramPersonFormComponent {
  readonly map = input.required<NetworkMap>();
  readonly person = input.required<MapPerson>();
  /** The person was removed from the map. */
  readonly removed = output<void>();

  protected readonly store = inject(NetworkMapStore);
  readonly #host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly #transloco = inject(TranslocoService);
  protected readonly genders = GENDERS;
  protected readonly statuses = PARTNERSHIP_STATUSES;
  protected readonly childTypes = CHILD_TYPES;
  protected readonly text = eventText;
  protected readonly checked = eventChecked;

  protected readonly relations = computed(() => {
    const id = this.person().id;
    const unions = new Set(
      partnershipsOf(this.map())
        .filter((p) => p.from === id || p.to === id)
        .map((p) => p.id),
    );
    return this.map().links.filter(
      (l) => l.from === id || l.to === id || (l.kind === 'child' && unions.has(l.from)),
    );
  });

  protected readonly editName = signal('');
  protected readonly editGender = signal<Gender>('onbekend');
  protected readonly editBirth = signal('');
  protected readonly editDeceased = signal(false);
  protected readonly editDeath = signal('');
  protected readonly editIndex = signal(false);
  protected readonly deceasedConfirmed = signal(false);
  protected readonly editError = signal<string | null>(null);
  protected readonly editSaved = signal(false);
  private readonly deceasedDialog = viewChild<ConfirmDialogComponent>('deceasedDialog');

  constructor() {
    // The form shows the person as stored (again after someone else changed them).
    let shownId: string | null = null;
    effect(() => {
      const person = this.person();
      untracked(() => {
        if (person.id !== shownId) this.editSaved.set(false);
        shownId = person.id;
        this.editName.set(person.name);
        this.editGender.set(person.gender);
        this.editBirth.set(person.birthYear?.toString() ?? '');
        this.editDeceased.set(person.deceased);
        this.editDeath.set(person.deathYear?.toString() ?? '');
        this.editIndex.set(person.indexPerson);
        this.deceasedConfirmed.set(false);
        this.editError.set(null);
      });
    });
  }

  /** Moves the focus into the form (its first field that every person has). */
  focusFirst(): void {
    this.#host.nativeElement.querySelector<HTMLElement>('#geno-edit-gender')?.focus();
  }

  #t = (key: string, params?: Record<string, unknown>): string =>
    this.#transloco.translate(`network.${key}`, params);

  protected nameOf(id: string): string {
    return nameOf(this.map(), id, this.#t);
  }

  protected linkDetails(l: NetworkMap['links'][number]): string {
    return linkDetails(l, this.#t);
  }

  #ok(result: ApiResult<unknown>): boolean {
    if (!result.ok) this.editError.set(refusalKey(result));
    return result.ok;
  }

  protected onDeceased(event: Event): void {
    const value = eventChecked(event);
    if (value && !this.person().deceased && !this.deceasedConfirmed()) {
      // Ask first; the box stays unticked until confirmed.
      (event.target as HTMLInputElement).checked = false;
      this.deceasedDialog()?.open();
      return;
    }
    this.editDeceased.set(value);
  }

  protected confirmDeceased(): void {
    this.deceasedConfirmed.set(true);
    this.editDeceased.set(true);
  }

  protected async save(): Promise<void> {
    const person = this.person();
    this.editError.set(null);
    this.editSaved.set(false);
    const birthYear = parseYear(this.editBirth());
    const deathYear = parseYear(this.editDeath());
    if (Number.isNaN(birthYear) || Number.isNaN(deathYear)) {
      this.editError.set('network.genogram.form.yearInvalid');
      return;
    }
    const name = this.editName().trim();
    if (person.kind === 'network' && !name) {
      this.editError.set('network.genogram.form.required');
      return;
    }
    const result = await this.store.updatePerson(person.id, {
      ...(person.kind === 'network' && name !== person.name ? { name } : {}),
      gender: this.editGender(),
      birthYear,
      deceased: this.editDeceased(),
      deathYear: this.editDeceased() ? deathYear : null,
      ...(this.deceasedConfirmed() ? { deceasedConfirmed: true } : {}),
      indexPerson: this.editIndex(),
    });
    if (this.#ok(result)) {
      this.deceasedConfirmed.set(false);
      this.editSaved.set(true);
    }
  }

  protected async setStatus(linkId: string, status: string): Promise<void> {
    this.#ok(await this.store.updateLink(linkId, { status: status as PartnershipStatus }));
  }

  protected async setYear(
    linkId: string,
    field: 'startYear' | 'endYear',
    value: string,
  ): Promise<void> {
    const year = parseYear(value);
    if (Number.isNaN(year)) {
      this.editError.set('network.genogram.form.yearInvalid');
      return;
    }
    this.#ok(await this.store.updateLink(linkId, { [field]: year }));
  }

  protected async setChildType(linkId: string, value: string): Promise<void> {
    this.#ok(await this.store.updateLink(linkId, { childType: value as ChildType }));
  }

  protected async removeLink(linkId: string): Promise<void> {
    this.#ok(await this.store.removeLink(linkId));
  }

  protected async removePerson(): Promise<void> {
    const person = this.person();
    if (!person.mapOnly) return;
    if (this.#ok(await this.store.removePerson(person.id))) this.removed.emit();
  }
}
