import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  DISCIPLINES,
  type Discipline,
  GUEST_JUSTIFICATION_MAX,
  GUEST_JUSTIFICATION_MIN,
  type GuestInvitationCreated,
  type GuestInvitationView,
  type GuestStatus,
  inviteGuestSchema,
} from '@casustafel/contracts';
import {
  failureDetails,
  failureMessageKey,
  GuestsApi,
  LanguageStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  ConfirmDialogComponent,
  CopyButtonComponent,
  DateTimePipe,
  FIELD,
  type FieldIssue,
  fieldIssues,
  issueAt,
  StatusBadgeComponent,
  type StatusTone,
} from '@casustafel/client/ui';

/** An agenda item as the panel offers it. */
export interface GuestInviteItem {
  id: string;
  label: string;
}

type Field = 'name' | 'email' | 'discipline' | 'organisationName' | 'itemIds' | 'justification';

/** The agenda item ids a 409 `consent-missing` answer names (`itemIds.N`). */
export function consentMissingItems(
  details: readonly { path: string; issue: string }[],
  itemIds: readonly string[],
): string[] {
  return details
    .filter((d) => d.issue === 'consent-missing')
    .map((d) => /^itemIds\.(\d+)$/.exec(d.path))
    .map((m) => (m ? itemIds[Number(m[1])] : undefined))
    .filter((id): id is string => !!id);
}

const STATUS_TONES: Record<GuestStatus, StatusTone> = {
  uitgenodigd: 'warning',
  aangemeld: 'success',
  ingetrokken: 'danger',
  verlopen: 'neutral',
};

/**
 * The guests of a meeting on its agenda page: the chair invites a remote specialist to agenda
 * items (asked for a justification when consent does not cover an item), passes on the link and
 * the one-time code, revokes an invitation or makes a new code. Members see the list.
 */
@Component({
  selector: 'cst-guest-invite-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    AlertComponent,
    ConfirmDialogComponent,
    CopyButtonComponent,
    DateTimePipe,
    StatusBadgeComponent,
    FIELD,
  ],
  templateUrl: './guest-invite-panel.component.html',
  styleUrls: ['./meetings.css', './guest.css'],
})
export class GuestInvitePanelComponent {
  readonly meetingId = input.required<string>();
  readonly items = input.required<readonly GuestInviteItem[]>();
  /** The chair (of the meeting or the team): may invite, revoke and make new codes. */
  readonly canInvite = input(false);
  /** The meeting is closed: nobody is invited any more. */
  readonly closed = input(false);

  readonly #api = inject(GuestsApi);
  readonly #transloco = inject(TranslocoService);
  readonly #injector = inject(Injector);
  protected readonly language = inject(LanguageStore);
  protected readonly disciplines = DISCIPLINES;
  protected readonly justificationMin = GUEST_JUSTIFICATION_MIN;
  protected readonly justificationMax = GUEST_JUSTIFICATION_MAX;
  private readonly revokeDialog = viewChild<ConfirmDialogComponent>('revokeDialog');

  protected readonly guests = signal<GuestInvitationView[] | null>(null);
  protected readonly listErrorKey = signal<string | null>(null);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly showForm = signal(false);
  protected readonly pending = signal(false);
  /** What the last check against the contract found, by field path. */
  protected readonly issues = signal<readonly FieldIssue[]>([]);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  /** Items a 409 said consent does not cover: a justification is now required. */
  protected readonly consentMissing = signal<string[]>([]);
  protected readonly result = signal<{ name: string; created: GuestInvitationCreated } | null>(
    null,
  );
  protected readonly revoking = signal<GuestInvitationView | null>(null);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    email: new FormControl('', { nonNullable: true }),
    discipline: new FormControl<Discipline | ''>('', { nonNullable: true }),
    organisationName: new FormControl('', { nonNullable: true }),
    justification: new FormControl('', { nonNullable: true }),
  });

  protected readonly needsJustification = computed(() => this.consentMissing().length > 0);
  protected readonly missingLabels = computed(() =>
    this.consentMissing()
      .map((id) => this.itemLabel(id))
      .join(', '),
  );

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      untracked(() => void this.load(meetingId));
    });
  }

  protected async load(meetingId = this.meetingId()): Promise<void> {
    const result = await firstValueFrom(this.#api.list(meetingId));
    if (meetingId !== this.meetingId()) return;
    if (result.ok) {
      this.guests.set(result.data);
      this.listErrorKey.set(null);
    } else this.listErrorKey.set(failureMessageKey(result.failure));
  }

  protected itemLabel(itemId: string): string {
    return this.items().find((i) => i.id === itemId)?.label ?? '—';
  }

  protected tone(status: GuestStatus): StatusTone {
    return STATUS_TONES[status];
  }

  protected isInvalid(field: Field): boolean {
    return issueAt(this.issues(), field) !== null;
  }

  protected toggleItem(itemId: string, checked: boolean): void {
    const next = new Set(this.selected());
    if (checked) next.add(itemId);
    else next.delete(itemId);
    this.selected.set(next);
  }

  protected openForm(): void {
    this.showForm.set(true);
    this.result.set(null);
    afterNextRender(() => document.getElementById('guest-invite-name')?.focus(), {
      injector: this.#injector,
    });
  }

  protected cancel(): void {
    this.showForm.set(false);
    this.#resetForm();
  }

  protected async invite(): Promise<void> {
    if (this.pending()) return;
    this.errorKey.set(null);
    const v = this.form.getRawValue();
    // Keep the agenda order, whatever order the boxes were ticked in.
    const itemIds = this.items()
      .map((i) => i.id)
      .filter((id) => this.selected().has(id));
    const body = {
      name: v.name,
      email: v.email,
      discipline: v.discipline,
      organisationName: v.organisationName,
      itemIds,
      justification: this.needsJustification() ? v.justification : null,
    };
    const parsed = inviteGuestSchema.safeParse(body);
    const issues = fieldIssues(parsed);
    if (this.needsJustification() && v.justification.trim().length < GUEST_JUSTIFICATION_MIN) {
      issues.push({ path: 'justification', issue: 'too_small' });
    }
    this.issues.set(issues);
    if (issues.length > 0 || !parsed.success) {
      this.#focusFirstInvalid();
      return;
    }
    this.pending.set(true);
    const result = await firstValueFrom(this.#api.invite(this.meetingId(), parsed.data));
    this.pending.set(false);
    if (!result.ok) {
      const missing = consentMissingItems(failureDetails(result.failure), itemIds);
      if (missing.length > 0) {
        this.consentMissing.set(missing);
        afterNextRender(() => document.getElementById('guest-invite-justification')?.focus(), {
          injector: this.#injector,
        });
        return;
      }
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    const name = parsed.data.name;
    this.result.set({ name, created: result.data });
    this.guests.update((list) => [
      ...(list ?? []).filter((g) => g.id !== result.data.invitation.id),
      result.data.invitation,
    ]);
    this.showForm.set(false);
    this.#resetForm();
    this.announcement.set(this.#transloco.translate('guest.invite.created', { name }));
    afterNextRender(() => document.getElementById('guest-invite-result-heading')?.focus(), {
      injector: this.#injector,
    });
  }

  protected askRevoke(guest: GuestInvitationView): void {
    this.revoking.set(guest);
    this.revokeDialog()?.open();
  }

  protected async revoke(): Promise<void> {
    const guest = this.revoking();
    if (!guest) return;
    const result = await firstValueFrom(this.#api.revoke(this.meetingId(), guest.id));
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.errorKey.set(null);
    this.guests.update((list) => (list ?? []).map((g) => (g.id === guest.id ? result.data : g)));
    if (this.result()?.created.invitation.id === guest.id) this.result.set(null);
    this.announcement.set(this.#transloco.translate('guest.invite.revoked', { name: guest.name }));
  }

  protected async newCode(guest: GuestInvitationView): Promise<void> {
    const result = await firstValueFrom(this.#api.newCode(this.meetingId(), guest.id));
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.errorKey.set(null);
    this.guests.update((list) =>
      (list ?? []).map((g) => (g.id === guest.id ? result.data.invitation : g)),
    );
    this.result.set({ name: guest.name, created: result.data });
    this.announcement.set(
      this.#transloco.translate('guest.invite.newCodeDone', { name: guest.name }),
    );
    afterNextRender(() => document.getElementById('guest-invite-result-heading')?.focus(), {
      injector: this.#injector,
    });
  }

  protected active(guest: GuestInvitationView): boolean {
    return guest.status === 'uitgenodigd' || guest.status === 'aangemeld';
  }

  #focusFirstInvalid(): void {
    const order: [Field, string][] = [
      ['name', 'guest-invite-name'],
      ['email', 'guest-invite-email'],
      ['discipline', 'guest-invite-discipline'],
      ['organisationName', 'guest-invite-organisation'],
      ['itemIds', 'guest-invite-items'],
      ['justification', 'guest-invite-justification'],
    ];
    const first = order.find(([field]) => this.isInvalid(field));
    if (!first) return;
    afterNextRender(
      () => {
        const el = document.getElementById(first[1]);
        (el?.querySelector('input') ?? el)?.focus();
      },
      { injector: this.#injector },
    );
  }

  #resetForm(): void {
    this.form.reset();
    this.selected.set(new Set());
    this.consentMissing.set([]);
    this.issues.set([]);
  }
}
