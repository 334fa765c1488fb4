import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, firstValueFrom, map, type Observable, of } from 'rxjs';
import * as z from 'zod';
import type {
  CreatePlanGoal,
  CreatePlanItem,
  CreateSupportPlan,
  DecisionPlanItems,
  OverdueEvaluationView,
  PlanDiffView,
  PlanItemInput,
  PlanVersionView,
  RecordAgreement,
  RecordEvaluation,
  SupportPlanPage,
  SupportPlanView,
  UpdatePlanGoal,
  UpdatePlanItem,
  UpdatePlanSection,
} from '@casustafel/contracts';
import { type ApiResult, toApiFailure } from '@casustafel/client/data-access';

const id = encodeURIComponent;
/** The plan's answers have no zod schema yet: an object is accepted as the contract's type. */
const object = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

/** A plan edit's outcome: the plan after it, a conflict with the current plan, or a failure. */
export type PlanEditResult =
  | { ok: true; data: SupportPlanView }
  | { ok: false; conflict: SupportPlanView | null; failure: ReturnType<typeof toApiFailure> };

function call<T>(source: Observable<unknown>): Promise<ApiResult<T>> {
  return firstValueFrom(
    source.pipe(
      map((body): ApiResult<T> => {
        const parsed = object<T>().safeParse(body);
        return parsed.success
          ? { ok: true, data: parsed.data }
          : { ok: false, failure: { kind: 'invalid_response', status: 200 } };
      }),
      catchError((error: unknown) => of<ApiResult<T>>({ ok: false, failure: toApiFailure(error) })),
    ),
  );
}

function edit(source: Observable<unknown>): Promise<PlanEditResult> {
  return firstValueFrom(
    source.pipe(
      map((body): PlanEditResult => ({ ok: true, data: body as SupportPlanView })),
      catchError((error: unknown) => {
        const current =
          error instanceof HttpErrorResponse &&
          error.status === 409 &&
          (error.error as { code?: string } | null)?.code === 'PLAN_CONFLICT'
            ? ((error.error as { current?: SupportPlanView }).current ?? null)
            : null;
        return of<PlanEditResult>({ ok: false, conflict: current, failure: toApiFailure(error) });
      }),
    ),
  );
}

/** The support plan's REST calls (ids only in URLs). Never throws. */
@Injectable({ providedIn: 'root' })
export class PlanApi {
  readonly #http = inject(HttpClient);

  page(householdId: string) {
    return call<SupportPlanPage>(this.#http.get(`/api/households/${id(householdId)}/support-plan`));
  }
  create(householdId: string, body: CreateSupportPlan) {
    return edit(this.#http.post(`/api/households/${id(householdId)}/support-plan`, body));
  }
  section(planId: string, body: UpdatePlanSection) {
    return edit(this.#http.patch(`/api/support-plans/${id(planId)}/sections`, body));
  }
  addGoal(planId: string, body: CreatePlanGoal) {
    return edit(this.#http.post(`/api/support-plans/${id(planId)}/goals`, body));
  }
  updateGoal(planId: string, goalId: string, body: UpdatePlanGoal) {
    return edit(this.#http.patch(`/api/support-plans/${id(planId)}/goals/${id(goalId)}`, body));
  }
  removeGoal(planId: string, goalId: string, expectedRev: number) {
    return edit(
      this.#http.delete(
        `/api/support-plans/${id(planId)}/goals/${id(goalId)}?expectedRev=${expectedRev}`,
      ),
    );
  }
  addItem(planId: string, body: CreatePlanItem) {
    return edit(this.#http.post(`/api/support-plans/${id(planId)}/items`, body));
  }
  updateItem(planId: string, itemId: string, body: UpdatePlanItem) {
    return edit(this.#http.patch(`/api/support-plans/${id(planId)}/items/${id(itemId)}`, body));
  }
  removeItem(planId: string, itemId: string, expectedRev: number) {
    return edit(
      this.#http.delete(
        `/api/support-plans/${id(planId)}/items/${id(itemId)}?expectedRev=${expectedRev}`,
      ),
    );
  }
  fromDecision(decisionId: string, items: PlanItemInput[]) {
    return edit(this.#http.post(`/api/decisions/${id(decisionId)}/plan-items`, { items }));
  }
  evaluate(planId: string, body: RecordEvaluation) {
    return edit(this.#http.post(`/api/support-plans/${id(planId)}/evaluations`, body));
  }
  agree(planId: string, body: RecordAgreement) {
    return edit(this.#http.post(`/api/support-plans/${id(planId)}/agreements`, body));
  }
  version(planId: string, number: number) {
    return call<PlanVersionView>(
      this.#http.get(`/api/support-plans/${id(planId)}/versions/${number}`),
    );
  }
  diff(planId: string, from: number, to: number) {
    return call<PlanDiffView>(
      this.#http.get(`/api/support-plans/${id(planId)}/diff?from=${from}&to=${to}`),
    );
  }
  decisionItems(decisionId: string) {
    return call<DecisionPlanItems>(this.#http.get(`/api/decisions/${id(decisionId)}/plan-items`));
  }
  overdue(teamId: string) {
    return call<OverdueEvaluationView[]>(
      this.#http.get(`/api/teams/${id(teamId)}/support-plans/overdue-evaluations`),
    );
  }
}
