import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  AgendaItemView,
  CaseDetail,
  CreateAgendaItem,
  CreateMeeting,
  MeetingClosePreview,
  MeetingDetail,
  MeetingSeriesCreated,
  MeetingSummary,
  TeamDetail,
  UpdateAgendaItem,
  UpdateMeeting,
} from '@casustafel/contracts';
import { type ApiResult } from '../errors/api-failure';
import { ReadState } from '../http/read-state';
import { CaseFileApi } from '../case-file/case-file.api';
import { TeamsApi } from '../teams/teams.api';
import { MeetingsApi } from './meetings.api';
import { type SeriesForm, seriesFromForm } from './series-form';

/** Answer when there is no team or meeting open (or an index out of range). */
const NO_MEETING = { ok: false, failure: { kind: 'invalid_response', status: 0 } } as const;

/** A ready preparation of one of the team's cases: what a case item may discuss. */
export interface ReadyPreparation {
  preparationId: string;
  caseId: string;
  caseTitle: string;
  householdLabel: string;
  readyAt: string | null;
}

/** A team's meetings, one meeting's agenda (editing, reorder, publish, close) and the pickers. */
@Injectable({ providedIn: 'root' })
export class MeetingsStore {
  readonly #api = inject(MeetingsApi);
  readonly #teams = inject(TeamsApi);
  readonly #cases = inject(CaseFileApi);
  readonly #teamId = signal<string | null>(null);
  readonly #meetings = signal<MeetingSummary[] | null>(null);
  readonly #meeting = signal<MeetingDetail | null>(null);
  readonly #team = signal<TeamDetail | null>(null);
  readonly #preparations = signal<ReadyPreparation[] | null>(null);
  /** Cases as the case file answered them (access-checked there), by case id. */
  readonly #caseDetails = signal<ReadonlyMap<string, CaseDetail>>(new Map());
  /** Case ids of the open meeting's agenda whose case file has been asked for (answered or not). */
  readonly #agendaCasesAsked = signal<ReadonlySet<string>>(new Set());
  readonly #reads = new ReadState();

  readonly teamId = this.#teamId.asReadonly();
  /** Soonest first. */
  readonly meetings = computed(() =>
    this.#meetings() === null
      ? null
      : [...(this.#meetings() ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  );
  readonly meeting = this.#meeting.asReadonly();
  /** The agenda in order. */
  readonly agenda = computed<AgendaItemView[]>(() =>
    [...(this.#meeting()?.agenda ?? [])].sort((a, b) => a.order - b.order),
  );
  readonly team = this.#team.asReadonly();
  readonly members = computed(() =>
    [...(this.#team()?.members ?? [])].sort((a, b) =>
      a.displayName.localeCompare(b.displayName, 'nl'),
    ),
  );
  readonly preparations = this.#preparations.asReadonly();
  readonly caseDetails = this.#caseDetails.asReadonly();
  /** Whether every case on the open meeting's agenda has been asked for (see loadAgendaCases). */
  readonly agendaCasesLoaded = computed(() => {
    const asked = this.#agendaCasesAsked();
    return (
      this.#meeting() !== null &&
      this.agenda().every((item) => item.caseId === null || asked.has(item.caseId))
    );
  });
  readonly loading = this.#reads.loading;
  readonly failure = this.#reads.failure;
  readonly failureKey = this.#reads.failureKey;

  memberName(userId: string | null): string {
    if (!userId) return '';
    return this.#team()?.members.find((m) => m.userId === userId)?.displayName ?? '';
  }

  /** Opens a team: its meetings and members. */
  async openTeam(teamId: string): Promise<void> {
    if (this.#teamId() !== teamId) {
      this.#meetings.set(null);
      this.#team.set(null);
      this.#preparations.set(null);
      this.#caseDetails.set(new Map());
    }
    this.#teamId.set(teamId);
    await Promise.all([this.loadMeetings(), this.#loadTeam(teamId)]);
  }

  async loadMeetings(): Promise<void> {
    const teamId = this.#teamId();
    if (!teamId) return;
    await this.#reads.into(this.#meetings, this.#api.list(teamId));
  }

  /** Opens one meeting: its detail, then its team's members. */
  async openMeeting(meetingId: string): Promise<void> {
    if (this.#meeting()?.id !== meetingId) {
      this.#meeting.set(null);
      this.#agendaCasesAsked.set(new Set());
    }
    const result = await this.#reads.read(this.#api.detail(meetingId));
    if (!result.ok) return;
    this.#meeting.set(result.data);
    if (this.#teamId() !== result.data.teamId || this.#team() === null) {
      this.#teamId.set(result.data.teamId);
      this.#preparations.set(null);
      this.#caseDetails.set(new Map());
      await this.#loadTeam(result.data.teamId);
    }
  }

  async #loadTeam(teamId: string): Promise<void> {
    const result = await firstValueFrom(this.#teams.team(teamId));
    if (result.ok) this.#team.set(result.data);
  }

  /**
   * The case files of the open meeting's case items (the live room's preparation panel and item
   * titles): only the cases on the agenda, each asked for once, so opening the live room costs
   * as many requests as the agenda has cases — not one per case of the team.
   */
  async loadAgendaCases(): Promise<void> {
    const meetingId = this.#meeting()?.id;
    const asked = this.#agendaCasesAsked();
    const missing = [
      ...new Set(this.agenda().flatMap((item) => (item.caseId ? [item.caseId] : []))),
    ].filter((id) => !asked.has(id));
    if (!meetingId || missing.length === 0) return;
    this.#agendaCasesAsked.set(new Set([...asked, ...missing]));
    const details = await Promise.all(missing.map((id) => firstValueFrom(this.#cases.case(id))));
    if (this.#meeting()?.id !== meetingId) return;
    const byCase = new Map(this.#caseDetails());
    for (const detail of details) if (detail.ok) byCase.set(detail.data.id, detail.data);
    this.#caseDetails.set(byCase);
  }

  /** Ready preparations of the team's cases (the case items' picker). */
  async loadPreparations(): Promise<void> {
    const teamId = this.#teamId();
    if (!teamId) return;
    const cases = await firstValueFrom(this.#cases.cases(teamId));
    if (!cases.ok) {
      this.#preparations.set([]);
      return;
    }
    const details = await Promise.all(
      cases.data.map((c) => firstValueFrom(this.#cases.case(c.id))),
    );
    const ready: ReadyPreparation[] = [];
    const byCase = new Map<string, CaseDetail>();
    for (const detail of details) {
      if (!detail.ok) continue;
      byCase.set(detail.data.id, detail.data);
      for (const p of detail.data.preparations) {
        if (p.status !== 'ready') continue;
        ready.push({
          preparationId: p.id,
          caseId: detail.data.id,
          caseTitle: detail.data.title,
          householdLabel: detail.data.householdLabel,
          readyAt: p.readyAt,
        });
      }
    }
    this.#preparations.set(ready);
    this.#caseDetails.set(new Map([...this.#caseDetails(), ...byCase]));
  }

  async createMeeting(body: CreateMeeting): Promise<ApiResult<MeetingDetail>> {
    const teamId = this.#teamId();
    if (!teamId) return NO_MEETING as ApiResult<MeetingDetail>;
    const result = await firstValueFrom(this.#api.create(teamId, body));
    if (result.ok) await this.loadMeetings();
    return result;
  }

  async createSeries(
    form: SeriesForm,
    roles: { chairId: string; timekeeperId?: string | null; minuteTakerId?: string | null },
  ): Promise<ApiResult<MeetingSeriesCreated>> {
    const teamId = this.#teamId();
    if (!teamId) {
      return NO_MEETING as ApiResult<MeetingSeriesCreated>;
    }
    const result = await firstValueFrom(
      this.#api.createSeries(teamId, { schedule: seriesFromForm(form), ...roles }),
    );
    if (result.ok) await this.loadMeetings();
    return result;
  }

  #applyDetail(result: ApiResult<MeetingDetail>): ApiResult<MeetingDetail> {
    if (result.ok) this.#meeting.set(result.data);
    return result;
  }

  async addItem(body: CreateAgendaItem): Promise<ApiResult<MeetingDetail>> {
    const meeting = this.#meeting();
    if (!meeting) return NO_MEETING as ApiResult<MeetingDetail>;
    return this.#applyDetail(await firstValueFrom(this.#api.addItem(meeting.id, body)));
  }

  async updateItem(itemId: string, body: UpdateAgendaItem): Promise<ApiResult<MeetingDetail>> {
    return this.#applyDetail(await firstValueFrom(this.#api.updateItem(itemId, body)));
  }

  async deleteItem(itemId: string): Promise<ApiResult<void>> {
    const result = await firstValueFrom(this.#api.deleteItem(itemId));
    const meeting = this.#meeting();
    if (result.ok && meeting) await this.openMeeting(meeting.id);
    return result;
  }

  /**
   * Moves an item to `toIndex` (0-based in agenda order). The list changes at once (orders
   * renumbered) and is replaced by the api's answer, or put back when the api refuses.
   */
  async reorder(itemId: string, toIndex: number): Promise<ApiResult<MeetingDetail>> {
    const meeting = this.#meeting();
    if (!meeting) return NO_MEETING as ApiResult<MeetingDetail>;
    const items = this.agenda();
    const from = items.findIndex((i) => i.id === itemId);
    if (from < 0 || toIndex < 0 || toIndex >= items.length) {
      return NO_MEETING as ApiResult<MeetingDetail>;
    }
    const moved = [...items];
    const [item] = moved.splice(from, 1);
    moved.splice(toIndex, 0, item);
    this.#meeting.set({ ...meeting, agenda: moved.map((i, order) => ({ ...i, order })) });
    const result = await firstValueFrom(this.#api.reorder(meeting.id, { itemId, toIndex }));
    if (result.ok) this.#meeting.set(result.data);
    else this.#meeting.set(meeting);
    return result;
  }

  async publish(): Promise<ApiResult<MeetingDetail>> {
    const meeting = this.#meeting();
    if (!meeting) return NO_MEETING as ApiResult<MeetingDetail>;
    return this.#applyDetail(await firstValueFrom(this.#api.publish(meeting.id)));
  }

  async close(): Promise<ApiResult<MeetingDetail>> {
    const meeting = this.#meeting();
    if (!meeting) return NO_MEETING as ApiResult<MeetingDetail>;
    return this.#applyDetail(await firstValueFrom(this.#api.close(meeting.id)));
  }

  /** Changes time, duration or roles of a meeting still being planned. */
  async update(body: UpdateMeeting): Promise<ApiResult<MeetingDetail>> {
    const meeting = this.#meeting();
    if (!meeting) return NO_MEETING as ApiResult<MeetingDetail>;
    const result = this.#applyDetail(await firstValueFrom(this.#api.update(meeting.id, body)));
    if (result.ok) await this.loadMeetings();
    return result;
  }

  async cancel(): Promise<ApiResult<MeetingDetail>> {
    const meeting = this.#meeting();
    if (!meeting) return NO_MEETING as ApiResult<MeetingDetail>;
    const result = this.#applyDetail(await firstValueFrom(this.#api.cancel(meeting.id)));
    if (result.ok) await this.loadMeetings();
    return result;
  }

  async closePreview(): Promise<ApiResult<MeetingClosePreview>> {
    const meeting = this.#meeting();
    if (!meeting) return NO_MEETING as ApiResult<MeetingClosePreview>;
    return firstValueFrom(this.#api.closePreview(meeting.id));
  }
}
