import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ErasureRequestView } from '@casustafel/contracts';
import { ERASURE_EXCEPTIONS, type ErasureException } from '@casustafel/domain';
import { ErasureStore, failureMessageKey, LanguageStore } from '@casustafel/client/data-access';
import {
  AlertComponent,
  MessageRegionComponent,
  DateTimePipe,
  FIELD,
  PageHeadingComponent,
} from '@casustafel/client/ui';

/**
 * `/beheer/verwijderverzoeken`: AVG art. 17 erasure requests of the organisation, filed by a
 * member of the household's team from the household page. The administrator assesses each
 * with the legal exceptions, then executes or refuses it with the reason; they see the team and
 * ids, never the household's label or names (an organisation administrator reads no client data).
 */
@Component({
  selector: 'cst-erasure-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    MessageRegionComponent,
    DateTimePipe,
    PageHeadingComponent,
    ...FIELD,
  ],
  templateUrl: './erasure-page.component.html',
})
export class ErasurePageComponent implements OnInit {
  protected readonly store = inject(ErasureStore);
  protected readonly language = inject(LanguageStore);
  protected readonly exceptionCodes = ERASURE_EXCEPTIONS;

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
