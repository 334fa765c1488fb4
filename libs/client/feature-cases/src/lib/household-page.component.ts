import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type Consent,
  HOUSEHOLD_ROLES,
  NETWORK_RELATIONS,
  type NetworkPersonInput,
  type AccessLogLanguage,
} from '@casustafel/contracts';
import {
  failureDetails,
  failureMessageKey,
  HouseholdStore,
  LanguageStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  ConfirmDialogComponent,
  DateTimePipe,
  PageHeadingComponent,
  StatusBadgeComponent,
  type StatusTone,
} from '@casustafel/client/ui';
import { BsnFieldComponent } from './bsn-field.component';
import { consentState, consentSummary, issueAt, type ConsentState, today } from './case-file.rules';
import { ConsentFormComponent } from './consent-form.component';
import { DatePipe } from './date.pipe';
import { FamilyLinkPanelComponent } from './family-link-panel.component';
import { ErasureRequestFormComponent } from './erasure-request-form.component';
import { memberProblems, type MemberRow, toPersonInput } from './household-new-page.component';
import { TimelineComponent } from './timeline.component';

/**
 * `/huishoudens/:householdId`: members, network, consent ledger, an AVG art. 17 erasure request
 * and the AVG art. 15 log.
 */
@Component({
  selector: 'cst-household-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    BsnFieldComponent,
    ConfirmDialogComponent,
    ConsentFormComponent,
    DatePipe,
    DateTimePipe,
    FamilyLinkPanelComponent,
    ErasureRequestFormComponent,
    PageHeadingComponent,
    StatusBadgeComponent,
    TimelineComponent,
  ],
  templateUrl: './household-page.component.html',
})
export class HouseholdPageComponent {
  readonly householdId = input.required<string>();
  protected readonly store = inject(HouseholdStore);
  protected readonly language = inject(LanguageStore);
  readonly #router = inject(Router);
  protected readonly roles = HOUSEHOLD_ROLES;
  protected readonly relations = NETWORK_RELATIONS;
  /** The moment the page was opened: consent states are read at it (the domain's one rule). */
  readonly #openedAt = new Date();
  protected readonly today = today(this.#openedAt);
  protected readonly summary = computed(() =>
    consentSummary(this.store.household()?.consents ?? [], this.#openedAt),
  );
  protected readonly personName = computed(() => {
    const names = new Map<string, string>();
    for (const p of this.store.household()?.members ?? [])
      names.set(p.id, `${p.givenName} ${p.familyName}`);
    return names;
  });

  protected readonly erasureMembers = computed(() =>
    [...this.personName()].map(([id, name]) => ({ id, name })),
  );

  /* add member */
  protected readonly member = signal<MemberRow>(this.#emptyMember());
  protected readonly memberSubmitted = signal(false);
  protected readonly memberIssues = signal<{ path: string; issue: string }[]>([]);
  protected readonly memberError = signal<string | null>(null);

  /* network */
  protected readonly networkName = signal('');
  protected readonly networkRelation = signal<NetworkPersonInput['relation']>('familie');
  protected readonly networkDetail = signal('');
  protected readonly networkPhone = signal('');
  protected readonly networkSubmitted = signal(false);
  protected readonly networkError = signal<string | null>(null);
  protected readonly networkIssues = signal<{ path: string; issue: string }[]>([]);

  /* consent withdrawal and access log */
  protected readonly withdrawing = signal<Consent | null>(null);
  protected readonly ledgerError = signal<string | null>(null);
  protected readonly logError = signal<string | null>(null);
  protected readonly logLoading = signal(false);
  private readonly withdrawDialog = viewChild.required<ConfirmDialogComponent>('withdrawDialog');

  constructor() {
    effect(() => {
      const id = this.householdId();
      untracked(() => {
        void this.store.load(id).then(() => {
          if (this.store.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
        });
      });
    });
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected stateOf(consent: Consent): ConsentState {
    return consentState(consent, this.#openedAt);
  }

  protected tone(state: ConsentState): StatusTone {
    return state === 'geldig' ? 'success' : state === 'verlopen' ? 'warning' : 'neutral';
  }

  protected recipientKey(r: Consent['recipients'][number]): { key: string; name: string } {
    switch (r.kind) {
      case 'team':
        return { key: 'consent.recipient.team', name: '' };
      case 'organisatie':
        return { key: 'consent.recipient.organisatie', name: r.name };
      case 'discipline':
        return { key: 'consent.recipient.discipline', name: r.discipline };
    }
  }

  /* ---- members ---- */

  #emptyMember(): MemberRow {
    return {
      key: 0,
      givenName: '',
      familyName: '',
      role: 'kind',
      dateOfBirth: '',
      phone: '',
      email: '',
      bsn: '',
    };
  }

  protected setMember(field: keyof MemberRow, value: string): void {
    this.member.update((m) => ({ ...m, [field]: value }));
  }

  protected memberProblem(field: keyof MemberRow): string | null {
    return (
      issueAt(this.memberIssues(), field) ??
      (this.memberSubmitted() ? (memberProblems(this.member())[field] ?? null) : null)
    );
  }

  protected async addMember(): Promise<void> {
    this.memberSubmitted.set(true);
    this.memberIssues.set([]);
    this.memberError.set(null);
    if (Object.keys(memberProblems(this.member())).length > 0) return;
    const result = await this.store.addPerson(this.householdId(), toPersonInput(this.member()));
    if (!result.ok) {
      this.memberIssues.set(failureDetails(result.failure));
      this.memberError.set(failureMessageKey(result.failure));
      return;
    }
    this.member.set(this.#emptyMember());
    this.memberSubmitted.set(false);
  }

  /* ---- network ---- */

  protected networkProblem(): string | null {
    return (
      issueAt(this.networkIssues(), 'name') ??
      (this.networkSubmitted() && this.networkName().trim() === ''
        ? 'caseFile.issues.required'
        : null)
    );
  }

  protected async addNetwork(): Promise<void> {
    this.networkSubmitted.set(true);
    this.networkError.set(null);
    this.networkIssues.set([]);
    if (this.networkProblem()) return;
    const result = await this.store.addNetworkPerson(this.householdId(), {
      name: this.networkName().trim(),
      relation: this.networkRelation(),
      relationDetail: this.networkDetail().trim() || null,
      phone: this.networkPhone().trim() || null,
    });
    if (!result.ok) {
      this.networkIssues.set(failureDetails(result.failure));
      this.networkError.set(failureMessageKey(result.failure));
      return;
    }
    this.networkName.set('');
    this.networkDetail.set('');
    this.networkPhone.set('');
    this.networkSubmitted.set(false);
  }

  protected async removeNetwork(id: string): Promise<void> {
    const result = await this.store.removeNetworkPerson(this.householdId(), id);
    this.networkError.set(result.ok ? null : failureMessageKey(result.failure));
  }

  /* ---- consent ---- */

  protected askWithdraw(consent: Consent): void {
    this.withdrawing.set(consent);
    this.withdrawDialog().open();
  }

  protected async withdraw(): Promise<void> {
    const consent = this.withdrawing();
    if (!consent) return;
    const result = await this.store.withdrawConsent(this.householdId(), consent.id);
    this.ledgerError.set(result.ok ? null : failureMessageKey(result.failure));
    this.withdrawing.set(null);
  }

  /* ---- AVG art. 15 ---- */

  /** The access log comes in plain words of the UI language (Dutch unless English). */
  private logLanguage(): AccessLogLanguage {
    return this.language.lang() === 'en' ? 'en' : 'nl';
  }

  protected async showLog(): Promise<void> {
    this.logLoading.set(true);
    const result = await this.store.loadAccessLog(this.householdId(), this.logLanguage());
    this.logLoading.set(false);
    this.logError.set(result.ok ? null : failureMessageKey(result.failure));
  }

  protected async downloadCsv(): Promise<void> {
    const result = await this.store.accessLogCsv(this.householdId(), this.logLanguage());
    if (!result.ok) {
      this.logError.set(failureMessageKey(result.failure));
      return;
    }
    const url = URL.createObjectURL(result.data);
    const link = document.createElement('a');
    link.href = url;
    link.download = `inzageverzoek-${this.today}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
