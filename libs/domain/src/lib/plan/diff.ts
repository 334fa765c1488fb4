import type { PlanGoalSnapshot, PlanItemSnapshot, PlanSnapshot } from './plan';

/**
 * A readable difference between two versions of a plan: which plan fields changed, and which
 * goals and items were added, removed or changed (with each changed field's old and new value).
 * Field keys are stable; the client shows them with Dutch labels (`PLAN_FIELD_LABELS`).
 */

export type PlanFieldValue = string | number | null;

export interface FieldChange {
  field: string;
  before: PlanFieldValue;
  after: PlanFieldValue;
}

export interface EntityChange {
  change: 'toegevoegd' | 'verwijderd' | 'gewijzigd';
  id: string;
  /** The goal's text or the item's title (the newer one when both exist). */
  label: string;
  fields: FieldChange[];
}

export interface PlanDiff {
  plan: FieldChange[];
  goals: EntityChange[];
  items: EntityChange[];
  /** Nothing differs. */
  same: boolean;
}

/** Dutch labels of every field a diff can name. */
export const PLAN_FIELD_LABELS: Readonly<Record<string, string>> = {
  variant: 'Variant',
  casusregisseur: 'Casusregisseur',
  evaluationDate: 'Evaluatiedatum',
  krachten: 'Krachten',
  zorgen: 'Zorgen',
  zrmDomain: 'Leefgebied (ZRM)',
  text: 'Doel',
  status: 'Status',
  goalId: 'Bij doel',
  type: 'Soort inzet',
  title: 'Wat',
  owner: 'Wie (uitvoerder of aanbieder)',
  startDate: 'Start',
  endDate: 'Einde',
  costCents: 'Kosten (cent)',
  costCategory: 'Kostenplaats (taakveld)',
  source: 'Bron',
};

const GOAL_FIELDS = ['zrmDomain', 'text', 'evaluationDate', 'status'] as const;
const ITEM_FIELDS = [
  'type',
  'title',
  'owner',
  'goalId',
  'startDate',
  'endDate',
  'status',
  'costCents',
  'costCategory',
] as const;

function valueOf(entity: object, field: string): PlanFieldValue {
  const value = (entity as Record<string, unknown>)[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

function fieldChanges(before: object | null, after: object | null, fields: readonly string[]) {
  const out: FieldChange[] = [];
  for (const field of fields) {
    const a = before ? valueOf(before, field) : null;
    const b = after ? valueOf(after, field) : null;
    if (a !== b) out.push({ field, before: a, after: b });
  }
  return out;
}

function sourceText(item: PlanItemSnapshot): string {
  return item.source.kind === 'besluit'
    ? `besluit ${item.source.decisionId ?? ''}`.trim()
    : item.source.kind;
}

function entityChanges<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  fields: readonly string[],
  label: (e: T) => string,
  extra: (e: T) => Record<string, PlanFieldValue> = () => ({}),
): EntityChange[] {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const out: EntityChange[] = [];
  const withExtra = (e: T) => ({ ...e, ...extra(e) });
  const allFields = fields;
  for (const e of after) {
    const previous = old.get(e.id);
    if (!previous) {
      out.push({
        change: 'toegevoegd',
        id: e.id,
        label: label(e),
        fields: fieldChanges(null, withExtra(e), allFields),
      });
      continue;
    }
    const fieldsChanged = fieldChanges(withExtra(previous), withExtra(e), allFields);
    if (fieldsChanged.length > 0)
      out.push({ change: 'gewijzigd', id: e.id, label: label(e), fields: fieldsChanged });
  }
  for (const e of before) {
    if (now.has(e.id)) continue;
    out.push({
      change: 'verwijderd',
      id: e.id,
      label: label(e),
      fields: fieldChanges(withExtra(e), null, allFields),
    });
  }
  return out;
}

/** The difference from version `a` to version `b`. */
export function diffPlans(a: PlanSnapshot, b: PlanSnapshot): PlanDiff {
  const plan = fieldChanges(
    { ...a, casusregisseur: a.casusregisseur?.displayName ?? null },
    { ...b, casusregisseur: b.casusregisseur?.displayName ?? null },
    ['variant', 'casusregisseur', 'evaluationDate', 'krachten', 'zorgen'],
  );
  const goals = entityChanges<PlanGoalSnapshot>(a.goals, b.goals, GOAL_FIELDS, (g) => g.text);
  const items = entityChanges<PlanItemSnapshot>(
    a.items,
    b.items,
    [...ITEM_FIELDS, 'source'],
    (i) => i.title,
    (i) => ({ source: sourceText(i) }),
  );
  return { plan, goals, items, same: plan.length + goals.length + items.length === 0 };
}

/** An empty plan (version 0: before the first version), for diffing the first version. */
export function emptyPlanSnapshot(): PlanSnapshot {
  return {
    variant: 'licht',
    casusregisseur: null,
    evaluationDate: null,
    krachten: '',
    zorgen: '',
    goals: [],
    items: [],
  };
}
