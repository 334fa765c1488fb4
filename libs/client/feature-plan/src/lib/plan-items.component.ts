import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PlanItemView, SupportPlanView } from '@casustafel/contracts';
import { PLAN_ITEM_STATUSES, type PlanItemStatus } from '@casustafel/domain';
import { DateTimePipe, FIELD } from '@casustafel/client/ui';
import { PlanDatePipe } from './plan-date.pipe';
import { centsInput, euros } from './plan.format';
import { emptyItem, eventText, type ItemForm } from './plan-item-form';
import { PlanItemFieldsComponent } from './plan-item-fields.component';
import { GONE, PlanPageState } from './plan-page.state';

/** The plan's items: the table with status and cost, editing one, and adding one. */
@Component({
  selector: 'cst-plan-items',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, DateTimePipe, FIELD, PlanDatePipe, PlanItemFieldsComponent],
  styles: ':host { display: contents; }',
  styleUrl: './plan.css',
  templateUrl: './plan-items.component.html',
})
export class PlanItemsComponent {
  protected readonly state = inject(PlanPageState);
  readonly plan = input.required<SupportPlanView>();
  protected readonly itemStatuses = PLAN_ITEM_STATUSES;
  protected readonly text = eventText;
  protected readonly euros = euros;

  protected readonly newItemOpen = signal(false);
  protected readonly newItem = signal<ItemForm>(emptyItem());
  /** Entered by hand, or taken from the family's own plan. */
  protected readonly newItemSource = signal<'handmatig' | 'familieplan'>('handmatig');
  /** The item being edited (its id), and what the user typed for it. */
  protected readonly editingItemId = signal<string | null>(null);
  protected readonly editItem = signal<ItemForm>(emptyItem());
  protected readonly totalCost = computed(() =>
    this.plan().items.reduce((sum, i) => sum + (i.costCents ?? 0), 0),
  );

  protected async addItem(): Promise<void> {
    const input = this.state.toInput(this.newItem());
    if (!input) return;
    const ok = await this.state.run('item', (plan) =>
      this.state.api.addItem(plan.id, { ...input, source: this.newItemSource() }),
    );
    if (ok) {
      this.newItem.set(emptyItem());
      this.newItemOpen.set(false);
    }
  }

  protected setItemStatus(itemId: string, status: string): Promise<boolean> {
    return this.state.run('item', (plan) => {
      const item = plan.items.find((i) => i.id === itemId);
      if (!item) return Promise.resolve(GONE);
      return this.state.api.updateItem(plan.id, itemId, {
        expectedRev: item.rev,
        goalId: item.goalId,
        type: item.type,
        title: item.title,
        owner: item.owner,
        startDate: item.startDate,
        endDate: item.endDate,
        status: status as PlanItemStatus,
        costCents: item.costCents,
        costCategory: item.costCategory,
      });
    });
  }

  /** Opens the edit form of an item, filled with what it says now. */
  protected openEdit(item: PlanItemView): void {
    this.editItem.set({
      type: item.type,
      title: item.title,
      owner: item.owner,
      startDate: item.startDate ?? '',
      endDate: item.endDate ?? '',
      cost: centsInput(item.costCents),
      costCategory: item.costCategory ?? '',
      goalId: item.goalId ?? '',
      status: item.status,
    });
    this.state.error.set(null);
    this.editingItemId.set(item.id);
    this.state.focusAfterRender('edit-item-title');
  }

  protected closeEdit(): void {
    const itemId = this.editingItemId();
    this.editingItemId.set(null);
    if (itemId) this.state.focusAfterRender(`item-edit-${itemId}`);
  }

  /**
   * Saves every field of the item being edited on its current revision. On a conflict the
   * form stays open with the user's input, and re-applying sends it on the item's new revision.
   */
  protected async saveEdit(): Promise<void> {
    const itemId = this.editingItemId();
    if (!itemId) return;
    const input = this.state.toInput(this.editItem());
    if (!input) return;
    await this.state.run(
      'item',
      (plan) => {
        const item = plan.items.find((i) => i.id === itemId);
        if (!item) return Promise.resolve(GONE);
        return this.state.api.updateItem(plan.id, itemId, { ...input, expectedRev: item.rev });
      },
      'plan.saved',
      () => this.closeEdit(),
    );
  }

  protected removeItem(itemId: string, rev: number): Promise<boolean> {
    return this.state.run('item', (plan) => this.state.api.removeItem(plan.id, itemId, rev));
  }
}
