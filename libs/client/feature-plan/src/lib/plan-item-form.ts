import type { PlanItemInput } from '@casustafel/contracts';
import type { PlanItemStatus } from '@casustafel/domain';
import { parseEuros } from './plan.format';

/** What the user typed for an item (strings, as in the form). */
export interface ItemForm {
  type: PlanItemInput['type'];
  title: string;
  owner: string;
  startDate: string;
  endDate: string;
  cost: string;
  costCategory: string;
  goalId: string;
  status: PlanItemStatus;
}

export function emptyItem(): ItemForm {
  return {
    type: 'eigen-kracht',
    title: '',
    owner: '',
    startDate: '',
    endDate: '',
    cost: '',
    costCategory: '',
    goalId: '',
    status: 'gepland',
  };
}

/** The item to send, or the translation key of what is wrong with the form. */
export function itemInput(
  form: ItemForm,
): { ok: true; input: Required<PlanItemInput> } | { ok: false; error: string } {
  if (!form.title.trim()) return { ok: false, error: 'plan.items.titleRequired' };
  const cost = form.cost.trim() ? parseEuros(form.cost) : null;
  if (form.cost.trim() && cost === null) return { ok: false, error: 'plan.items.costInvalid' };
  if (form.startDate && form.endDate && form.endDate < form.startDate)
    return { ok: false, error: 'plan.items.endBeforeStart' };
  return {
    ok: true,
    input: {
      type: form.type,
      title: form.title.trim(),
      owner: form.owner.trim(),
      startDate: form.startDate || null,
      endDate: form.endDate || null,
      status: form.status,
      costCents: cost,
      costCategory: (form.costCategory || null) as Required<PlanItemInput>['costCategory'],
      goalId: form.goalId || null,
    },
  };
}

/** The value of the input or select an event came from. */
export function eventText(event: Event): string {
  return (event.target as HTMLInputElement).value;
}
