import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AUDIT_PAGE_LIMIT_DEFAULT, type AuditEventView } from '@casustafel/contracts';
import { type ApiFailure, failureMessageKey } from '../errors/api-failure';
import { AuditApi, type AuditFilters } from './audit.api';

/**
 * Every action the api records (`AuditAction` of the api's access decorator), for the
 * viewer's action filter and its translations (`audit.actions.<action>`).
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.second-factor',
  'auth.totp-enrol',
  'auth.activate',
  'auth.oidc-login',
  'organisation.read',
  'team.create',
  'team.update',
  'team.read',
  'user.invite',
  'user.update',
  'user.disable',
  'user.enable',
  'user.sessions-end',
  'user.totp-reset',
  'membership.update',
  'membership.remove',
  'audit.read',
  'audit.export',
  'insight.read',
  'insight.export',
  'family-conference.list',
  'family-conference.circle',
  'family-conference.create',
  'family-conference.read',
  'family-conference.update',
  'family-conference.invite',
  'family-conference.revoke',
  'family-conference.circle-remove',
  'family-conference.start',
  'family-conference.plan-read',
  'family-conference.plan-update',
  'family-conference.bottom-line',
  'family-conference.accept',
  'family-conference.follow-up',
  'family-conference.export',
  'family-conference.join',
  'family-conference.command',
  'conference.sign-in',
  'conference.session',
] as const;

/** The audit viewer: the current filters, the events loaded so far, and the cursor. */
@Injectable({ providedIn: 'root' })
export class AuditStore {
  readonly #api = inject(AuditApi);
  readonly #events = signal<AuditEventView[]>([]);
  readonly #nextCursor = signal<string | null>(null);
  readonly #filters = signal<AuditFilters>({});
  readonly #loading = signal(false);
  readonly #loaded = signal(false);
  readonly #failure = signal<ApiFailure | null>(null);
  #generation = 0;

  readonly events = this.#events.asReadonly();
  readonly filters = this.#filters.asReadonly();
  readonly loading = this.#loading.asReadonly();
  /** A first page has arrived for the current filters. */
  readonly loaded = this.#loaded.asReadonly();
  readonly hasMore = computed(() => this.#nextCursor() !== null);
  readonly failure = this.#failure.asReadonly();
  readonly failureKey = computed(() => {
    const failure = this.#failure();
    return failure ? failureMessageKey(failure) : null;
  });

  /** Starts over with new filters (newest first). */
  async search(filters: AuditFilters, limit = AUDIT_PAGE_LIMIT_DEFAULT): Promise<void> {
    const generation = ++this.#generation;
    this.#filters.set(filters);
    this.#loading.set(true);
    this.#failure.set(null);
    const result = await firstValueFrom(this.#api.events(filters, null, limit));
    if (generation !== this.#generation) return;
    this.#loading.set(false);
    this.#loaded.set(true);
    if (result.ok) {
      this.#events.set(result.data.events);
      this.#nextCursor.set(result.data.nextCursor);
    } else {
      this.#events.set([]);
      this.#nextCursor.set(null);
      this.#failure.set(result.failure);
    }
  }

  /** The next (older) page for the same filters. */
  async loadMore(limit = AUDIT_PAGE_LIMIT_DEFAULT): Promise<void> {
    const cursor = this.#nextCursor();
    if (!cursor || this.#loading()) return;
    const generation = this.#generation;
    this.#loading.set(true);
    this.#failure.set(null);
    const result = await firstValueFrom(this.#api.events(this.#filters(), cursor, limit));
    if (generation !== this.#generation) return;
    this.#loading.set(false);
    if (result.ok) {
      this.#events.update((events) => [...events, ...result.data.events]);
      this.#nextCursor.set(result.data.nextCursor);
    } else {
      this.#failure.set(result.failure);
    }
  }
}
