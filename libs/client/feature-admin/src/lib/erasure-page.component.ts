import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ERASURE_REQUESTERS,
  ERASURE_SCOPES,
  type ErasureRequester,
  type ErasureRequestView,
  type ErasureScope,
} from '@casustafel/contracts';
import { ERASURE_EXCEPTIONS, type ErasureException } from '@casustafel/domain';
import { ErasureStore, failureMessageKey, LanguageStore } from '@casustafel/client/data-access';
import { AlertComponent, DateTimePipe, PageHeadingComponent } from '@casustafel/client/ui';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Today as yyyy-mm-dd in local time (what a date input shows). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * `/beheer/verwijderverzoeken`: AVG art. 17 erasure requests of the organisation. Record a
 * request (who asked, when, household or one person), assess it with the legal exceptions,
 * then execute or refuse it with the reason.
 */
@Component({
  selector: 'cst-erasure-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
  ],
  templateUrl: './erasure-page.component.html',
})
export class ErasurePageComponent implements OnInit {
  protected readonly store = inject(ErasureStore);
  protected readonly language = inject(LanguageStore);
  protected readonly scopes = ERASURE_SCOPES;
  protected readonly requesters = ERASURE_REQUESTERS;
  protected readonly exceptionCodes = ERASURE_EXCEPTIONS;

  protected readonly recordForm = new FormGroup({
    householdId: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(UUID)],
    }),
    scope: new FormControl<ErasureScope>('household', { nonNullable: true }),
    personId: new FormControl('', { nonNullable: true, validators: [Validators.pattern(UUID)] }),
    requestedBy: new FormControl<ErasureRequester>('betrokkene', { nonNullable: true }),
    receivedOn: new FormControl(today(), { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly recordSubmitted = signal(false);
  protected readonly recordErrorKey = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  /** The request being assessed. */
  protected readonly assessing = signal<ErasureRequestView | null>(null);
  protected readonly assessForm = new FormGroup({
    decision: new FormControl<'execute' | 'refuse'>('execute', { nonNullable: true }),
    reason: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
  });
  protected readonly chosenExceptions = signal<ReadonlySet<ErasureException>>(new Set());
  protected readonly assessErrorKey = signal<string | null>(null);
  protected readonly rowErrorKey = signal<string | null>(null);

  ngOnInit(): void {
    void this.store.load();
  }

  protected invalid(name: 'householdId' | 'personId'): boolean {
    const control = this.recordForm.controls[name];
    if (name === 'personId' && this.recordForm.controls.scope.value === 'person') {
      return this.recordSubmitted() && (control.invalid || control.value.trim() === '');
    }
    return this.recordSubmitted() && control.invalid;
  }

  protected async record(): Promise<void> {
    this.recordSubmitted.set(true);
    this.recordErrorKey.set(null);
    this.notice.set(null);
    if (this.invalid('householdId') || this.invalid('personId')) return;
    const value = this.recordForm.getRawValue();
    const result = await this.store.record({
      householdId: value.householdId.trim(),
      scope: value.scope,
      personId: value.scope === 'person' ? value.personId.trim() : null,
      requestedBy: value.requestedBy,
      receivedOn: value.receivedOn,
    });
    if (!result.ok) {
      this.recordErrorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.recordSubmitted.set(false);
    this.recordForm.reset({ receivedOn: today() });
    this.notice.set('erasure.recorded');
  }

  protected startAssessment(request: ErasureRequestView): void {
    this.assessing.set(request);
    this.assessForm.reset();
    this.chosenExceptions.set(new Set());
    this.assessErrorKey.set(null);
  }

  protected toggleException(code: ErasureException, checked: boolean): void {
    const next = new Set(this.chosenExceptions());
    if (checked) next.add(code);
    else next.delete(code);
    this.chosenExceptions.set(next);
  }

  protected async assess(): Promise<void> {
    const request = this.assessing();
    if (!request) return;
    this.assessErrorKey.set(null);
    const { decision, reason } = this.assessForm.getRawValue();
    const exceptions = [...this.chosenExceptions()];
    if (decision === 'refuse' && exceptions.length === 0 && reason.trim() === '') {
      this.assessErrorKey.set('erasure.refusalNeedsReason');
      return;
    }
    const result = await this.store.assess(request.id, {
      decision,
      exceptions,
      reason: decision === 'refuse' && reason.trim() !== '' ? reason.trim() : null,
    });
    if (!result.ok) {
      this.assessErrorKey.set(
        result.failure.kind === 'error' && result.failure.code === 'CONFLICT'
          ? 'erasure.exceptionApplies'
          : failureMessageKey(result.failure),
      );
      return;
    }
    this.assessing.set(null);
    this.notice.set(decision === 'execute' ? 'erasure.approved' : 'erasure.refused');
  }

  protected async execute(request: ErasureRequestView): Promise<void> {
    this.rowErrorKey.set(null);
    const result = await this.store.execute(request.id);
    if (!result.ok) {
      this.rowErrorKey.set(
        result.failure.kind === 'error' && result.failure.code === 'CONFLICT'
          ? 'erasure.exceptionApplies'
          : failureMessageKey(result.failure),
      );
      return;
    }
    this.notice.set('erasure.executed');
  }
}
