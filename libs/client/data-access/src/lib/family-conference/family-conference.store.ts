import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  CheckBottomLine,
  ConferenceView,
  FamilyGroupPlanView,
  SavePlan,
} from '@casustafel/contracts';
import {
  type ConferencePhase,
  type ConferenceRole,
  contributionTypeFor,
  FAMILY_CONFERENCE_KIND,
  isConferencePhase,
  mayReadPlan,
  mayWritePlan,
  type VisibleContribution,
} from '@casustafel/domain';
import { type ApiFailure, failureCode } from '../errors/api-failure';
import { ConferenceRoomStore } from './conference-room.store';
import { FamilyConferenceApi } from './family-conference.api';

/** How often a page shut out of the conference (besloten tijd) asks whether it may return. */
export const CONFERENCE_WAITING_POLL_MS = 10_000;

export type ConferenceActionOutcome = { ok: true } | { ok: false; failure: ApiFailure };

/** A contribution as the page lists it. */
export interface ConferenceContributionRow {
  id: string;
  type: string;
  text: string | null;
  /** The author's name (staff or circle); null when hidden or unknown. */
  authorName: string | null;
  /** The author's part in the conference (null when hidden or unknown). */
  authorRole: ConferenceRole | null;
  hidden: boolean;
  phase: string | null;
}

/** Someone taking part in the conference, as the room lists them. */
export interface ConferenceParticipantRow {
  key: string;
  userId: string;
  name: string;
  role: ConferenceRole;
  /** How a circle member is related ("oma", "buurman"); empty for staff. */
  relation: string;
  /** Signed in at least once (staff: always). */
  signedIn: boolean;
}

/**
 * One familienetwerkberaad for its page (staff or a family / network member): the conference
 * and its plan over REST, as far as the phase allows, and its live room (`ConferenceRoomStore`).
 * A professional shut out of besloten tijd holds nothing of it: the view and the plan are
 * dropped, the page shows the waiting state and asks again now and then (and at once when the
 * phase changes). Provided per page, together with `ConferenceRoomStore`.
 */
@Injectable()
export class FamilyConferenceStore {
  readonly #api = inject(FamilyConferenceApi);
  readonly #room = inject(ConferenceRoomStore);

  readonly #conferenceId = signal<string | null>(null);
  readonly #view = signal<ConferenceView | null>(null);
  readonly #plan = signal<FamilyGroupPlanView | null>(null);
  readonly #failure = signal<ApiFailure | null>(null);
  readonly #planFailure = signal<ApiFailure | null>(null);
  readonly #loading = signal(false);
  #poll: ReturnType<typeof setTimeout> | null = null;
  /** Reads of the conference in flight answer out of order: only the latest one's answer counts. */
  #reads = 0;

  readonly conferenceId = this.#conferenceId.asReadonly();
  readonly view = this.#view.asReadonly();
  readonly plan = this.#plan.asReadonly();
  readonly failure = this.#failure.asReadonly();
  readonly planFailure = this.#planFailure.asReadonly();
  readonly loading = this.#loading.asReadonly();
  readonly room = this.#room.room;
  readonly connectionState = this.#room.connectionState;

  readonly role = computed(() => this.#view()?.myRole ?? null);
  /** The live phase: the room's when joined, else the conference's. */
  readonly phase = computed<ConferencePhase | null>(() => {
    const fromRoom = this.#room.room()?.phase ?? this.#room.announcedPhase();
    if (fromRoom && isConferencePhase(fromRoom)) return fromRoom;
    return this.#view()?.phase ?? null;
  });
  /**
   * Shut out of the conference right now: a professional during besloten tijd (announced by
   * the room), or any refusal to read it while it was open to this page before.
   */
  readonly lockedOut = computed(() => {
    const announced = this.#room.announcedPhase();
    if (announced === 'besloten-tijd' && this.#room.joinError() === 'FORBIDDEN') return true;
    return failureCode(this.#failure()) === 'FORBIDDEN' && this.#wasOpen();
  });
  readonly #wasOpen = signal(false);
  readonly forbidden = computed(() => failureCode(this.#failure()) === 'FORBIDDEN');

  readonly isCoordinator = computed(() => this.role() === 'coordinator');
  readonly isProfessional = computed(() => this.role() === 'professional');
  readonly isCircle = computed(() => this.role() === 'familie' || this.role() === 'netwerk');
  readonly mayAdvance = computed(() => {
    const phase = this.phase();
    return (
      this.isCoordinator() &&
      this.#room.room() !== null &&
      phase !== null &&
      phase !== 'acceptatie' &&
      (FAMILY_CONFERENCE_KIND.may[phase]?.['coordinator'] ?? []).includes('phase:advance')
    );
  });
  /** The contribution type the caller writes now (null: nothing to write in this phase). */
  readonly writes = computed(() => {
    const phase = this.phase();
    const role = this.role();
    if (!phase || !role || role === 'team' || !this.#room.room()) return null;
    return contributionTypeFor(phase, role);
  });
  readonly mayWritePlan = computed(() => {
    const role = this.role();
    return this.#view()?.status === 'bezig' && !!role && role !== 'team'
      ? mayWritePlan(this.phase(), role)
      : false;
  });
  readonly contributions = computed<ConferenceContributionRow[]>(() => {
    const room = this.#room.room();
    const view = this.#view();
    if (!room || !view) return [];
    const people = new Map(this.participants().map((p) => [p.userId, p]));
    return room.contributions.map((c: VisibleContribution) => {
      if ('hidden' in c)
        return {
          id: c.id,
          type: c.type,
          text: null,
          authorName: null,
          authorRole: null,
          hidden: true,
          phase: null,
        };
      const author = people.get(c.authorUserId);
      return {
        id: c.id,
        type: c.type,
        text: c.text,
        authorName: author?.name ?? null,
        authorRole: author?.role ?? null,
        hidden: false,
        phase: c.phase ?? null,
      };
    });
  });
  /**
   * Who takes part, by name and role: the coordinator, the professionals, and the members of
   * the circle who were invited and not withdrawn (with whether they signed in). Only names and
   * roles: nothing of the case file reaches a family or network member's page.
   */
  readonly participants = computed<ConferenceParticipantRow[]>(() => {
    const view = this.#view();
    if (!view) return [];
    return [
      ...view.staff.map((s) => ({
        key: `staff-${s.userId}-${s.role}`,
        userId: s.userId,
        name: s.displayName,
        role: s.role,
        relation: '',
        signedIn: true,
      })),
      ...view.circle
        .filter((m) => m.userId !== null && m.invitation !== 'ingetrokken')
        .map((m) => ({
          key: m.id,
          userId: m.userId ?? '',
          name: m.name,
          role: m.role,
          relation: m.relation,
          signedIn: m.tookPart,
        })),
    ];
  });

  constructor() {
    this.#room.onPhaseChanged = () => void this.refresh();
    // The acceptance is announced in the room: everyone reads the conference (and plan) again.
    this.#room.onApplied = (event) => {
      if (event.type === 'contribution:added' && event.phase === 'acceptatie') void this.refresh();
      // The plan or the bottom lines changed: read them again, no reload needed.
      if (event.type === 'record:changed') {
        if (event.payload.record === 'plan') void this.reloadPlan();
        else void this.#reread();
      }
    };
    inject(DestroyRef).onDestroy(() => this.#stopPoll());
  }

  /** Reads the conference (and its plan when the phase allows) and, while it runs, joins the room. */
  async load(conferenceId: string): Promise<void> {
    if (this.#conferenceId() !== conferenceId) {
      this.#room.leave();
      this.#view.set(null);
      this.#plan.set(null);
      this.#wasOpen.set(false);
      this.#conferenceId.set(conferenceId);
    }
    await this.refresh();
  }

  /** Reads the conference again (after a phase change, or while waiting outside). */
  async refresh(): Promise<void> {
    const conferenceId = this.#conferenceId();
    if (!conferenceId) return;
    this.#stopPoll();
    this.#loading.set(true);
    const read = ++this.#reads;
    const result = await firstValueFrom(this.#api.read(conferenceId));
    // A later read overtook this one (a phase change, then the acceptance): its answer stands.
    if (read !== this.#reads) return;
    this.#loading.set(false);
    if (this.#conferenceId() !== conferenceId) return;
    if (!result.ok) {
      this.#failure.set(result.failure);
      if (failureCode(result.failure) === 'FORBIDDEN') {
        // Shut out (besloten tijd): nothing of the conference stays on this page.
        this.#view.update((v) => (v ? { ...v, circle: [], bottomLines: [] } : v));
        this.#plan.set(null);
        this.#schedulePoll();
      }
      return;
    }
    this.#failure.set(null);
    this.#wasOpen.set(true);
    this.#view.set(result.data);
    await this.#loadPlan(result.data);
    const sessionId = result.data.sessionId;
    if (result.data.status === 'bezig' && sessionId)
      await this.#room.enter(conferenceId, sessionId);
  }

  async #loadPlan(view: ConferenceView): Promise<void> {
    const role = view.myRole;
    if (view.status === 'voorbereiding' || role === 'team' || !mayReadPlan(view.phase, role)) {
      this.#plan.set(null);
      return;
    }
    const result = await firstValueFrom(this.#api.readPlan(view.id));
    if (this.#conferenceId() !== view.id) return;
    this.#planFailure.set(result.ok ? null : result.failure);
    this.#plan.set(result.ok ? result.data : null);
  }

  /** Reads the conference again without touching the room (the bottom lines changed). */
  async #reread(): Promise<void> {
    const conferenceId = this.#conferenceId();
    if (!conferenceId) return;
    const read = ++this.#reads;
    const result = await firstValueFrom(this.#api.read(conferenceId));
    if (read !== this.#reads || this.#conferenceId() !== conferenceId || !result.ok) return;
    this.#view.set(result.data);
  }

  /** Reads the plan again (someone else may have written it). */
  async reloadPlan(): Promise<void> {
    const view = this.#view();
    if (view) await this.#loadPlan(view);
  }

  say(text: string) {
    return this.#room.send({ type: 'contribution:add', text });
  }

  advance() {
    return this.#room.send({ type: 'phase:advance' });
  }

  async savePlan(input: Omit<SavePlan, 'expectedRev'>): Promise<ConferenceActionOutcome> {
    const id = this.#conferenceId();
    if (!id) return { ok: false, failure: { kind: 'unreachable' } };
    const expectedRev = this.#plan()?.rev ?? 0;
    const result = await firstValueFrom(this.#api.savePlan(id, { ...input, expectedRev }));
    if (!result.ok) return result;
    this.#plan.set(result.data);
    return { ok: true };
  }

  async checkBottomLine(lineId: string, input: CheckBottomLine): Promise<ConferenceActionOutcome> {
    return this.#viewAction((id) => this.#api.checkBottomLine(id, lineId, input));
  }

  async accept(): Promise<ConferenceActionOutcome> {
    const outcome = await this.#viewAction((id) => this.#api.accept(id));
    if (outcome.ok) await this.reloadPlan();
    return outcome;
  }

  async recordFollowUp(note: string): Promise<ConferenceActionOutcome> {
    return this.#viewAction((id) => this.#api.recordFollowUp(id, { note }));
  }

  async start(): Promise<ConferenceActionOutcome> {
    const outcome = await this.#viewAction((id) => this.#api.start(id));
    if (outcome.ok) await this.refresh();
    return outcome;
  }

  async addCircleMember(input: {
    name: string;
    role: 'familie' | 'netwerk';
    relation: string;
  }): Promise<ConferenceActionOutcome> {
    return this.#viewAction((id) => this.#api.addCircleMember(id, input));
  }

  async addBottomLine(text: string): Promise<ConferenceActionOutcome> {
    return this.#viewAction((id) => this.#api.addBottomLine(id, text));
  }

  async update(input: {
    question?: string;
    startsAt?: string | null;
    place?: string;
  }): Promise<ConferenceActionOutcome> {
    return this.#viewAction((id) => this.#api.update(id, input));
  }

  /** Withdraws a member's invitation: their link, code and session stop at once. */
  async revoke(participantId: string): Promise<ConferenceActionOutcome> {
    return this.#viewAction((id) => this.#api.revoke(id, participantId));
  }

  /** Takes someone who never signed in out of the circle (before the start). */
  async removeCircleMember(participantId: string): Promise<ConferenceActionOutcome> {
    return this.#viewAction((id) => this.#api.removeCircleMember(id, participantId));
  }

  /** Link + code for one member of the circle: shown once, kept by the page only. */
  invite(participantId: string) {
    const id = this.#conferenceId() ?? '';
    return firstValueFrom(this.#api.invite(id, participantId));
  }

  async #viewAction(
    call: (id: string) => ReturnType<FamilyConferenceApi['read']>,
  ): Promise<ConferenceActionOutcome> {
    const id = this.#conferenceId();
    if (!id) return { ok: false, failure: { kind: 'unreachable' } };
    const result = await firstValueFrom(call(id));
    if (!result.ok) return result;
    this.#view.set(result.data);
    return { ok: true };
  }

  #schedulePoll(): void {
    this.#stopPoll();
    this.#poll = setTimeout(() => {
      this.#poll = null;
      void this.refresh();
    }, CONFERENCE_WAITING_POLL_MS);
  }

  #stopPoll(): void {
    if (this.#poll) clearTimeout(this.#poll);
    this.#poll = null;
  }
}
