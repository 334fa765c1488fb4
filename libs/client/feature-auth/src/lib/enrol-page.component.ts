import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  type OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, safeReturnPath } from '@casustafel/client/data-access';
import {
  AlertComponent,
  CopyButtonComponent,
  FIELD,
  PageHeadingComponent,
} from '@casustafel/client/ui';

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to type over by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** `/inloggen/instellen`: set up the authenticator app, then keep the recovery codes. */
@Component({
  selector: 'cst-enrol-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    AlertComponent,
    CopyButtonComponent,
    PageHeadingComponent,
    ...FIELD,
  ],
  templateUrl: './enrol-page.component.html',
  styleUrl: './enrol-page.component.css',
})
export class EnrolPageComponent implements OnInit {
  protected readonly auth = inject(AuthStore);
  readonly #router = inject(Router);
  readonly #document = inject(DOCUMENT);
  readonly #query = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  private readonly errorRef = viewChild<ElementRef<HTMLElement>>('error');
  private readonly codesHeadingRef = viewChild<ElementRef<HTMLElement>>('codesHeading');

  protected readonly code = new FormControl('', { nonNullable: true });
  protected readonly submitted = signal(false);
  protected readonly saved = signal(false);
  protected readonly savedMissing = signal(false);
  protected readonly groupedSecret = computed(() => {
    const enrolment = this.auth.enrolment();
    return enrolment ? groupSecret(enrolment.secret) : '';
  });
  protected readonly codesText = computed(() => (this.auth.recoveryCodes() ?? []).join('\n'));

  ngOnInit(): void {
    this.auth.clearFailure();
    if (!this.auth.enrolment() && !this.auth.recoveryCodes()) void this.auth.startEnrolment();
  }

  protected invalid(): boolean {
    return this.submitted() && !/^\d{6}$/.test(this.code.value.replace(/\s+/g, ''));
  }

  protected async confirm(): Promise<void> {
    if (this.auth.pending()) return;
    this.submitted.set(true);
    if (this.invalid()) return;
    const ok = await this.auth.confirmEnrolment(this.code.value);
    if (!ok) {
      this.code.reset();
      this.submitted.set(false);
      this.errorRef()?.nativeElement.focus();
      return;
    }
    // The page changes to the recovery codes: take the reader there.
    setTimeout(() => this.codesHeadingRef()?.nativeElement.focus());
  }

  protected retry(): void {
    void this.auth.startEnrolment();
  }

  protected download(): void {
    const view = this.#document.defaultView;
    if (!view) return;
    const blob = new Blob([`Casustafel – herstelcodes / recovery codes\n\n${this.codesText()}\n`], {
      type: 'text/plain',
    });
    const url = view.URL.createObjectURL(blob);
    const link = this.#document.createElement('a');
    link.href = url;
    link.download = 'casustafel-herstelcodes.txt';
    link.click();
    view.URL.revokeObjectURL(url);
  }

  protected setSaved(event: Event): void {
    this.saved.set((event.target as HTMLInputElement).checked);
    if (this.saved()) this.savedMissing.set(false);
  }

  protected async finish(): Promise<void> {
    if (!this.saved()) {
      this.savedMissing.set(true);
      this.#document.getElementById('enrol-codes-saved')?.focus();
      return;
    }
    this.auth.acknowledgeRecoveryCodes();
    await this.#router.navigateByUrl(safeReturnPath(this.#query().get('terug')));
  }
}
