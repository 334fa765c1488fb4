import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { DISCIPLINES, type Discipline, TEAM_ROLES, type TeamRole } from '@casustafel/contracts';
import { AdminStore, failureMessageKey, LanguageStore } from '@casustafel/client/data-access';
import {
  AlertComponent,
  MessageRegionComponent,
  CopyButtonComponent,
  DateTimePipe,
  FIELD,
} from '@casustafel/client/ui';

const DISPLAY_NAME = /^[\p{L}\p{M}' .-]{2,120}$/u;

/** "Medewerker uitnodigen", and the activation link shown once afterwards. */
@Component({
  selector: 'cst-invite-user-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    AlertComponent,
    MessageRegionComponent,
    CopyButtonComponent,
    DateTimePipe,
    ...FIELD,
  ],
  templateUrl: './invite-user-form.component.html',
})
export class InviteUserFormComponent {
  protected readonly store = inject(AdminStore);
  protected readonly language = inject(LanguageStore);
  readonly #document = inject(DOCUMENT);
  private readonly linkHeadingRef = viewChild<ElementRef<HTMLElement>>('linkHeading');
  protected readonly disciplines = DISCIPLINES;
  protected readonly roles = TEAM_ROLES;
  protected readonly form = new FormGroup({
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(DISPLAY_NAME)],
    }),
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email],
    }),
    discipline: new FormControl<Discipline>('generalist', { nonNullable: true }),
    teamId: new FormControl('', { nonNullable: true }),
    orgAdmin: new FormControl(false, { nonNullable: true }),
  });
  protected readonly selectedRoles = signal<ReadonlySet<TeamRole>>(new Set(['member']));
  protected readonly submitted = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly pending = signal(false);
  /** The activation link as an absolute address, to pass on personally. */
  protected readonly link = computed(() => {
    const invitation = this.store.invitation();
    const origin = this.#document.defaultView?.location.origin ?? '';
    return invitation ? `${origin}${invitation.activationPath}` : null;
  });

  protected invalid(name: 'displayName' | 'email'): boolean {
    return this.submitted() && this.form.controls[name].invalid;
  }

  protected rolesInvalid(): boolean {
    return (
      this.submitted() && this.form.controls.teamId.value !== '' && this.selectedRoles().size === 0
    );
  }

  protected toggleRole(role: TeamRole, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.selectedRoles.update((roles) => {
      const next = new Set(roles);
      if (checked) next.add(role);
      else next.delete(role);
      return next;
    });
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorKey.set(null);
    if (this.form.invalid || this.rolesInvalid()) {
      const first = this.form.controls.displayName.invalid
        ? 'invite-name'
        : this.form.controls.email.invalid
          ? 'invite-email'
          : 'invite-role-member';
      this.#document.getElementById(first)?.focus();
      return;
    }
    const value = this.form.getRawValue();
    this.pending.set(true);
    const result = await this.store.inviteUser({
      displayName: value.displayName.trim(),
      email: value.email.trim().toLowerCase(),
      discipline: value.discipline,
      orgAdmin: value.orgAdmin,
      ...(value.teamId
        ? { teamId: value.teamId, roles: TEAM_ROLES.filter((r) => this.selectedRoles().has(r)) }
        : {}),
    });
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(
        result.failure.kind === 'error' && result.failure.code === 'CONFLICT'
          ? 'admin.invite.emailTaken'
          : failureMessageKey(result.failure),
      );
      return;
    }
    this.submitted.set(false);
    this.form.reset();
    this.selectedRoles.set(new Set(['member']));
    setTimeout(() => this.linkHeadingRef()?.nativeElement.focus());
  }

  protected dismiss(): void {
    this.store.dismissInvitation();
    this.#document.getElementById('invite-name')?.focus();
  }
}
