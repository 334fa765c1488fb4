import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  model,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { COST_CATEGORIES, PLAN_ITEM_STATUSES, PLAN_ITEM_TYPES } from '@casustafel/domain';
import { FIELD } from '@casustafel/client/ui';
import { eventText, type ItemForm } from './plan-item-form';
import { PlanPageState } from './plan-page.state';

/** One choice of a select: a translation key, or a text as it is (a goal's). */
interface ItemOption {
  readonly value: string;
  readonly textKey?: string;
  readonly text?: string;
}

/** One field of the item form: a select when it has options, otherwise an input. */
interface ItemField {
  readonly key: keyof ItemForm;
  /** Suffix of the control's id and test id. */
  readonly id: string;
  readonly label: string;
  readonly options?: readonly ItemOption[];
  /** The key of the empty choice's text, for a select that may be left empty. */
  readonly none?: string;
  readonly type?: 'text' | 'date';
  readonly inputmode?: 'decimal';
  readonly maxlength?: number;
}

function keyed(values: readonly string[], prefix: string): ItemOption[] {
  return values.map((value) => ({ value, textKey: prefix + value }));
}

/** The fields of one plan item, shared by the decision, new-item and edit forms. */
@Component({
  selector: 'cst-plan-item-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, FIELD],
  styles: ':host { display: contents; }',
  template: `
    @let f = form();
    <div class="cst-form-grid">
      @for (d of fields(); track d.key) {
        @let id = prefix() + '-' + d.id;
        <cst-field [fieldId]="id" [label]="d.label | transloco">
          @if (d.options; as options) {
            <select
              cstControl
              class="utrecht-select utrecht-select--html-select"
              (change)="set(d.key, $event)"
              [attr.data-testid]="id"
            >
              @if (d.none; as none) {
                <option value="">{{ none | transloco }}</option>
              }
              @for (o of options; track o.value) {
                <option [value]="o.value" [selected]="f[d.key] === o.value">
                  {{ o.textKey ? (o.textKey | transloco) : o.text }}
                </option>
              }
            </select>
          } @else {
            <input
              cstControl
              [type]="d.type ?? 'text'"
              [attr.inputmode]="d.inputmode ?? null"
              [attr.maxlength]="d.maxlength ?? null"
              class="utrecht-textbox utrecht-textbox--html-input"
              [value]="f[d.key]"
              (input)="set(d.key, $event)"
              [attr.data-testid]="id"
            />
          }
        </cst-field>
      }
    </div>
  `,
})
export class PlanItemFieldsComponent {
  protected readonly state = inject(PlanPageState);
  /** What the user typed; two-way: `[(form)]="draft"`. */
  readonly form = model.required<ItemForm>();
  /** Prefix of the controls' ids and test ids: `new-item` gives `new-item-title`. */
  readonly prefix = input.required<string>();
  /** Shows the status (an item being edited has one to change). */
  readonly withStatus = input(false, { transform: booleanAttribute });

  /** The fields in their order; the goals come from the plan, the status only when asked. */
  protected readonly fields = computed((): readonly ItemField[] => {
    const goals = (this.state.plan()?.goals ?? []).map((g) => ({ value: g.id, text: g.text }));
    const status: ItemField = {
      key: 'status',
      id: 'status',
      label: 'plan.items.status',
      options: keyed(PLAN_ITEM_STATUSES, 'plan.itemStatuses.'),
    };
    return [
      { key: 'title', id: 'title', label: 'plan.items.what', maxlength: 200 },
      {
        key: 'type',
        id: 'type',
        label: 'plan.items.type',
        options: keyed(PLAN_ITEM_TYPES, 'plan.itemTypes.'),
      },
      { key: 'owner', id: 'owner', label: 'plan.items.owner', maxlength: 120 },
      {
        key: 'goalId',
        id: 'goal',
        label: 'plan.items.goal',
        none: 'plan.items.noGoal',
        options: goals,
      },
      ...(this.withStatus() ? [status] : []),
      { key: 'startDate', id: 'start', label: 'plan.items.start', type: 'date' },
      { key: 'endDate', id: 'end', label: 'plan.items.end', type: 'date' },
      {
        key: 'cost',
        id: 'cost',
        label: 'plan.items.costInput',
        inputmode: 'decimal',
        maxlength: 20,
      },
      {
        key: 'costCategory',
        id: 'category',
        label: 'plan.items.category',
        none: 'plan.items.noCategory',
        options: keyed(COST_CATEGORIES, 'plan.costCategories.'),
      },
    ];
  });

  protected set(field: keyof ItemForm, event: Event): void {
    const value = eventText(event);
    this.form.update((f) => ({ ...f, [field]: value }));
  }
}
