import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
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
  type PartnershipLink,
  type PartnershipStatus,
} from '@casustafel/contracts';
import {
  type ApiResult,
  failureDetails,
  failureMessageKey,
  NetworkMapStore,
} from '@casustafel/client/data-access';
import {
  genogramLegend,
  genogramShapes,
  layoutGenogram,
  SYMBOL,
  yearsLabel,
} from '@casustafel/domain';
import { AlertComponent, ConfirmDialogComponent } from '@casustafel/client/ui';
import { type ArrowKey, nextSpot, parseYear } from './genogram-keys';
import { mapWords } from './map-words';
import { ShapesComponent } from './shapes.component';

type Mode = 'person' | 'partner' | 'child' | 'parents' | 'emotion';
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
  imports: [TranslocoPipe, AlertComponent, ConfirmDialogComponent, ShapesComponent],
  templateUrl: './genogram-editor.component.html',
  styleUrl: './network-maps.css',
})
export class GenogramEditorComponent {
  readonly map = input.required<NetworkMap>();
  readonly readonly = input(false);
  protected readonly store = inject(NetworkMapStore);
  readonly #host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly #transloco = inject(TranslocoService);
  protected readonly genders = GENDERS;
  protected readonly statuses = PARTNERSHIP_STATUSES;
  protected readonly childTypes = CHILD_TYPES;
  protected readonly emotions = EMOTIONAL_TYPES;
  protected readonly symbol = SYMBOL;
  readonly #words = mapWords();
  protected readonly year = new Date().getFullYear();

  protected readonly layout = computed(() => layoutGenogram(this.map()));
  protected readonly shapes = computed(() =>
    genogramShapes(this.layout(), this.year, this.#words.genogram()),
  );
  protected readonly legend = computed(() => genogramLegend(10, 4, this.#words.genogram()));
  protected readonly persons = computed(() => new Map(this.map().persons.map((p) => [p.id, p])));
  protected readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(() => {
    const id = this.selectedId();
    return id ? (this.persons().get(id) ?? null) : null;
  });
  /** The one person reachable with Tab (the chosen one, or the first). */
  protected readonly tabStop = computed(
    () => this.selected()?.id ?? this.layout().persons[0]?.person.id ?? null,
  );
  protected readonly partnerships = computed(() =>
    this.map().links.filter((l): l is PartnershipLink => l.kind === 'partnership'),
  );
  protected readonly relationsOfSelected = computed(() => {
    const id = this.selectedId();
    if (!id) return [];
    const unions = new Set(
      this.partnerships()
        .filter((p) => p.from === id || p.to === id)
        .map((p) => p.id),
    );
    return this.map().links.filter(
      (l) => l.from === id || l.to === id || (l.kind === 'child' && unions.has(l.from)),
    );
  });
  protected readonly hasParents = computed(() =>
    this.map().links.some((l) => l.kind === 'child' && l.to === this.selectedId()),
  );

  /* add form */
  protected readonly mode = signal<Mode | null>(null);
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

  /* edit form */
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
  private readonly firstField = viewChild<ElementRef<HTMLElement>>('firstField');

  constructor() {
    // The side form shows the chosen person as stored (again after someone else changed them).
    effect(() => {
      const person = this.selected();
      untracked(() => {
        this.editName.set(person?.name ?? '');
        this.editGender.set(person?.gender ?? 'onbekend');
        this.editBirth.set(person?.birthYear?.toString() ?? '');
        this.editDeceased.set(person?.deceased ?? false);
        this.editDeath.set(person?.deathYear?.toString() ?? '');
        this.editIndex.set(person?.indexPerson ?? false);
        this.deceasedConfirmed.set(false);
        this.editError.set(null);
      });
    });
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  protected t(key: string, params?: Record<string, unknown>): string {
    return this.#transloco.translate(`network.${key}`, params);
  }

  /** What a screen reader hears on a person: name, sex, years, deceased, index person. */
  protected describe(p: MapPerson): string {
    const parts = [p.name, this.t(`gender.${p.gender}`)];
    const years = yearsLabel(p);
    if (years) parts.push(years);
    if (p.deceased) parts.push(this.t('genogram.form.deceased'));
    if (p.indexPerson) parts.push(this.t('genogram.form.index'));
    parts.push(this.t(p.kind === 'member' ? 'genogram.member' : 'genogram.networkPerson'));
    return parts.join(', ');
  }

  protected nameOf(id: string): string {
    const person = this.persons().get(id);
    if (person) return person.name;
    const union = this.partnerships().find((p) => p.id === id);
    return union
      ? this.t('genogram.form.with', {
          a: this.persons().get(union.from)?.name ?? '',
          b: this.persons().get(union.to)?.name ?? '',
        })
      : '';
  }

  /** Ending year label for the text alternative. */
  protected linkDetails(l: NetworkMap['links'][number]): string {
    if (l.kind === 'partnership')
      return [
        this.t(`status.${l.status}`),
        l.startYear ? `${l.startYear}` : '',
        l.endYear ? `– ${l.endYear}` : '',
      ]
        .filter(Boolean)
        .join(' ');
    if (l.kind === 'child')
      return [
        this.t(`childType.${l.childType}`),
        l.twinGroup ? `${this.t('genogram.form.twinGroup')}: ${l.twinGroup}` : '',
      ]
        .filter(Boolean)
        .join(', ');
    return [this.t(`emotion.${l.emotion}`), l.directed ? '→' : '↔'].join(' ');
  }

  /* ---------- choosing and moving ---------- */

  protected select(id: string): void {
    if (this.selectedId() !== id) {
      this.selectedId.set(id);
      this.editSaved.set(false);
    }
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
      this.firstField()?.nativeElement.focus();
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

  protected open(mode: Mode): void {
    this.mode.set(mode);
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

  protected cancel(): void {
    const back = this.selectedId();
    this.mode.set(null);
    if (back) this.focusPerson(back);
  }

  /** The chosen existing person, or a new one made from the form (map-only network person). */
  private async personFromForm(): Promise<string | null> {
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
    return this.ok(made, this.addError) ? made.data.id : null;
  }

  private ok<T>(
    result: ApiResult<T>,
    error: ReturnType<typeof signal<string | null>>,
  ): result is { ok: true; data: T } {
    if (result.ok) return true;
    const details = failureDetails(result.failure);
    error.set(
      details.some((d) => d.issue === 'already-a-child')
        ? 'errors.VALIDATION_FAILED'
        : failureMessageKey(result.failure),
    );
    return false;
  }

  protected async submit(): Promise<void> {
    const mode = this.mode();
    if (!mode || this.busy()) return;
    this.busy.set(true);
    this.addError.set(null);
    try {
      const selected = this.selectedId();
      let focus: string | null = null;
      if (mode === 'person') {
        focus = await this.personFromForm();
      } else if (mode === 'partner' && selected) {
        const partner = await this.personFromForm();
        const startYear = parseYear(this.startYear());
        if (partner && !Number.isNaN(startYear)) {
          const linked = await this.store.addLink({
            kind: 'partnership',
            from: selected,
            to: partner,
            status: this.status(),
            startYear,
          });
          if (this.ok(linked, this.addError)) focus = partner;
        }
      } else if (mode === 'child' && selected) {
        const child = await this.personFromForm();
        if (child) {
          const linked = await this.store.addLink({
            kind: 'child',
            from: this.parentLink() || selected,
            to: child,
            childType: this.childType(),
            twinGroup: this.twinGroup().trim() || null,
          });
          if (this.ok(linked, this.addError)) focus = child;
        }
      } else if (mode === 'parents' && selected) {
        const father = this.fatherName().trim();
        const mother = this.motherName().trim();
        if (!father && !mother) {
          this.addError.set('network.genogram.form.required');
          return;
        }
        const made: string[] = [];
        for (const [name, gender] of [
          [father, 'man'],
          [mother, 'vrouw'],
        ] as const) {
          if (!name) continue;
          const person = await this.store.addPerson({ name, gender });
          if (!this.ok(person, this.addError)) return;
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
          if (!this.ok(union, this.addError)) return;
          from = union.data.id;
        }
        const linked = await this.store.addLink({ kind: 'child', from, to: selected });
        if (this.ok(linked, this.addError)) focus = made[0] ?? null;
      } else if (mode === 'emotion' && selected && this.other()) {
        const linked = await this.store.addLink({
          kind: 'emotional',
          from: selected,
          to: this.other(),
          emotion: this.emotion(),
          directed: this.directed(),
        });
        if (this.ok(linked, this.addError)) focus = selected;
      }
      if (focus) {
        this.mode.set(null);
        this.focusPerson(focus);
      }
    } finally {
      this.busy.set(false);
    }
  }

  /* ---------- editing ---------- */

  protected onDeceased(event: Event): void {
    const value = this.checked(event);
    if (value && !this.selected()?.deceased && !this.deceasedConfirmed()) {
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
    const person = this.selected();
    if (!person) return;
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
    if (this.ok(result, this.editError)) {
      this.deceasedConfirmed.set(false);
      this.editSaved.set(true);
    }
  }

  protected async setStatus(linkId: string, status: string): Promise<void> {
    const result = await this.store.updateLink(linkId, { status: status as PartnershipStatus });
    this.ok(result, this.editError);
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
    const result = await this.store.updateLink(linkId, { [field]: year });
    this.ok(result, this.editError);
  }

  protected async setChildType(linkId: string, value: string): Promise<void> {
    const result = await this.store.updateLink(linkId, { childType: value as ChildType });
    this.ok(result, this.editError);
  }

  protected async removeLink(linkId: string): Promise<void> {
    const result = await this.store.removeLink(linkId);
    this.ok(result, this.editError);
  }

  protected async removePerson(): Promise<void> {
    const person = this.selected();
    if (!person?.mapOnly) return;
    const result = await this.store.removePerson(person.id);
    if (this.ok(result, this.editError)) this.selectedId.set(null);
  }
}
