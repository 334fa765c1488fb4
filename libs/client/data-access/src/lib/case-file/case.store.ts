import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type {
  CaseDetail,
  CaseSummary,
  CreatePreparationRequest,
  CreateZrmAssessmentRequest,
  MeldcodeStepRequest,
  PreparationContent,
  RegisseurCandidate,
  TeamDetail,
  UpdateCaseRequest,
} from '@casustafel/contracts';
import { type ApiResult } from '../errors/api-failure';
import { ReadState } from '../http/read-state';
import { TeamsApi } from '../teams/teams.api';
import { CaseFileApi, type Created } from './case-file.api';

/**
 * One case: header, status lifecycle, ZRM, Meldcode and preparations. Every change is sent,
 * then the case is read again, so what is shown is always what the api holds.
 */
@Injectable({ providedIn: 'root' })
export class CaseStore {
  readonly #api = inject(CaseFileApi);
  readonly #teams = inject(TeamsApi);
  readonly #case = signal<CaseDetail | null>(null);
  readonly #team = signal<TeamDetail | null>(null);
  readonly #reads = new ReadState();
  readonly #candidates = signal<RegisseurCandidate[]>([]);
  /** Who the regisseur pickers offer: professionals of the team who may hold client data. */
  readonly regisseurCandidates = this.#candidates.asReadonly();

  readonly case = this.#case.asReadonly();
  readonly team = this.#team.asReadonly();
  readonly members = computed(() =>
    [...(this.#team()?.members ?? [])].sort((a, b) =>
      a.displayName.localeCompare(b.displayName, 'nl'),
    ),
  );
  readonly loading = this.#reads.loading;
  readonly failure = this.#reads.failure;
  readonly failureKey = this.#reads.failureKey;
  readonly forbidden = this.#reads.forbidden;
  /** ZRM assessments, oldest first. */
  readonly zrm = computed(() =>
    [...(this.#case()?.zrm ?? [])].sort((a, b) =>
      a.assessedAt === b.assessedAt
        ? a.createdAt.localeCompare(b.createdAt)
        : a.assessedAt.localeCompare(b.assessedAt),
    ),
  );
  readonly latestZrm = computed(() => this.zrm().at(-1) ?? null);
  /** The Meldcode record in progress, if any. */
  readonly openMeldcode = computed(
    () => this.#case()?.meldcode.find((r) => r.closedAt === null) ?? null,
  );

  async load(caseId: string): Promise<void> {
    if (this.#case()?.id !== caseId) this.#case.set(null);
    const result = await this.#reads.read(this.#api.case(caseId));
    if (!result.ok) return;
    this.#case.set(result.data);
    if (this.#team()?.id !== result.data.teamId) {
      const [team, candidates] = await Promise.all([
        firstValueFrom(this.#teams.team(result.data.teamId)),
        firstValueFrom(this.#api.regisseurCandidates(result.data.teamId)),
      ]);
      if (team.ok) this.#team.set(team.data);
      this.#candidates.set(candidates.ok ? candidates.data : []);
    }
  }

  update(caseId: string, request: UpdateCaseRequest): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.updateCase(caseId, request));
  }

  transition(caseId: string, to: CaseSummary['status']): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.transition(caseId, to));
  }

  addZrm(caseId: string, request: CreateZrmAssessmentRequest): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.addZrm(caseId, request));
  }

  openMeldcodeRecord(caseId: string): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.openMeldcode(caseId));
  }

  addMeldcodeStep(
    caseId: string,
    recordId: string,
    step: MeldcodeStepRequest,
  ): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.addMeldcodeStep(recordId, step));
  }

  createPreparation(
    caseId: string,
    request: CreatePreparationRequest,
  ): Promise<ApiResult<Created>> {
    return this.#change(caseId, this.#api.createPreparation(caseId, request));
  }

  savePreparation(
    caseId: string,
    preparationId: string,
    content: PreparationContent,
  ): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.savePreparation(preparationId, content));
  }

  markReady(caseId: string, preparationId: string): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.markReady(preparationId));
  }

  backToDraft(caseId: string, preparationId: string): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.backToDraft(preparationId));
  }

  addComment(caseId: string, preparationId: string, text: string): Promise<ApiResult<unknown>> {
    return this.#change(caseId, this.#api.addComment(preparationId, text));
  }

  async #change<T>(caseId: string, call: Observable<ApiResult<T>>): Promise<ApiResult<T>> {
    const result = await firstValueFrom(call);
    if (result.ok) await this.load(caseId);
    return result;
  }
}
