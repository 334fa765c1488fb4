import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  model,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { COST_CATEGORIES, PLAN_ITEM_STATUSES, PLAN_ITEM_TYPES } from '@casustafel/domain';
import { FIELD } from '@casustafel/client/ui';
import { eventText, type ItemForm } from './plan-item-form';
import { PlanPageState } from './plan-page.state';

/** The fields of one plan item, shared by the decision, new-item and edit forms. */
@Component({
  selector: 'cst-plan-item-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, FIELD],
  styles: ':host { display: contents; }',
  template: `
    @let f = form();
    <div class="cst-form-grid">
      <cst-field [fieldId]="prefix() + '-title'" [label]="'plan.items.what' | transloco">
        <input
          cstControl
          type="text"
          maxlength="200"
          class="utrecht-textbox utrecht-textbox--html-input"
          [value]="f.title"
          (input)="set('title', $event)"
          [attr.data-testid]="prefix() + '-title'"
        />
      </cst-field>
      <cst-field [fieldId]="prefix() + '-type'" [label]="'plan.items.type' | transloco">
        <select
          cstControl
          class="utrecht-select utrecht-select--html-select"
          (change)="set('type', $event)"
          [attr.data-testid]="prefix() + '-type'"
        >
          @for (t of itemTypes; track t) {
            <option [value]="t" [selected]="f.type === t">
              {{ 'plan.itemTypes.' + t | transloco }}
            </option>
          }
        </select>
      </cst-field>
      <cst-field [fieldId]="prefix() + '-owner'" [label]="'plan.items.owner' | transloco">
        <input
          cstControl
          type="text"
          maxlength="120"
          class="utrecht-textbox utrecht-textbox--html-input"
          [value]="f.owner"
          (input)="set('owner', $event)"
          [attr.data-testid]="prefix() + '-owner'"
        />
      </cst-field>
      <cst-field [fieldId]="prefix() + '-goal'" [label]="'plan.items.goal' | transloco">
        <select
          cstControl
          [attr.data-testid]="prefix() + '-goal'"
          class="utrecht-select utrecht-select--html-select"
          (change)="set('goalId', $event)"
        >
          <option value="">{{ 'plan.items.noGoal' | transloco }}</option>
          @for (g of state.plan()?.goals ?? []; track g.id) {
            <option [value]="g.id" [selected]="f.goalId === g.id">{{ g.text }}</option>
          }
        </select>
      </cst-field>
      @if (withStatus()) {
        <cst-field [fieldId]="prefix() + '-status'" [label]="'plan.items.status' | transloco">
          <select
            cstControl
            class="utrecht-select utrecht-select--html-select"
            (change)="set('status', $event)"
            [attr.data-testid]="prefix() + '-status'"
          >
            @for (s of itemStatuses; track s) {
              <option [value]="s" [selected]="f.status === s">
                {{ 'plan.itemStatuses.' + s | transloco }}
              </option>
            }
          </select>
        </cst-field>
      }
      <cst-field [fieldId]="prefix() + '-start'" [label]="'plan.items.start' | transloco">
        <input
          cstControl
          [attr.data-testid]="prefix() + '-start'"
          type="date"
          class="utrecht-textbox utrecht-textbox--html-input"
          [value]="f.startDate"
          (input)="set('startDate', $event)"
        />
      </cst-field>
      <cst-field [fieldId]="prefix() + '-end'" [label]="'plan.items.end' | transloco">
        <input
          cstControl
          [attr.data-testid]="prefix() + '-end'"
          type="date"
          class="utrecht-textbox utrecht-textbox--html-input"
          [value]="f.endDate"
          (input)="set('endDate', $event)"
        />
      </cst-field>
      <cst-field [fieldId]="prefix() + '-cost'" [label]="'plan.items.costInput' | transloco">
        <input
          cstControl
          [attr.data-testid]="prefix() + '-cost'"
          type="text"
          inputmode="decimal"
          maxlength="20"
          class="utrecht-textbox utrecht-textbox--html-input"
          [value]="f.cost"
          (input)="set('cost', $event)"
        />
      </cst-field>
      <cst-field [fieldId]="prefix() + '-category'" [label]="'plan.items.category' | transloco">
        <select
          cstControl
          [attr.data-testid]="prefix() + '-category'"
          class="utrecht-select utrecht-select--html-select"
          (change)="set('costCategory', $event)"
        >
          <option value="">{{ 'plan.items.noCategory' | transloco }}</option>
          @for (c of costCategories; track c) {
            <option [value]="c" [selected]="f.costCategory === c">
              {{ 'plan.costCategories.' + c | transloco }}
            </option>
          }
        </select>
      </cst-field>
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

  protected readonly itemTypes = PLAN_ITEM_TYPES;
  protected readonly itemStatuses = PLAN_ITEM_STATUSES;
  protected readonly costCategories = COST_CATEGORIES;

  protected set(field: keyof ItemForm, event: Event): void {
    const value = eventText(event);
    this.form.update((f) => ({ ...f, [field]: value }));
  }
}
