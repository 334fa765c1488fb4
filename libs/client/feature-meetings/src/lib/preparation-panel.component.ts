import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { CaseDetail, ZrmAssessment } from '@casustafel/contracts';
import {
  casePreparationContentSchema,
  type CasePreparationContent,
  zrmDomains,
} from '@casustafel/domain';
import { MeetingsStore } from '@casustafel/client/data-access';

export interface ZrmRow {
  key: string;
  name: string;
  score: number | null;
}

/** The scored domains of a ZRM assessment in the domain order of its version. */
export function zrmRows(assessment: ZrmAssessment, lang: string): ZrmRow[] {
  return zrmDomains(assessment.version).flatMap((d) => {
    const entry = assessment.domains[d.key];
    if (!entry) return [];
    return [
      {
        key: d.key,
        name: lang === 'en' ? d.englishName : d.name,
        score: typeof entry.score === 'number' ? entry.score : null,
      },
    ];
  });
}

/**
 * The case's preparation for the members in the live room: the question to the team, the facts,
 * krachten en zorgen, Signs of Safety and the ZRM snapshot, with a link to the case. It reads the
 * case file as the case page does (the api checks access there: a member without access to
 * client data sees only that it is not available). Guests have their own page and never get it.
 */
@Component({
  selector: 'cst-preparation-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe],
  template: `
    <details class="cst-prep" open data-testid="live-preparation">
      <summary class="cst-prep__summary">
        <span class="utrecht-heading-3 cst-prep__title">{{
          'meetings.preparation.heading' | transloco
        }}</span>
      </summary>
      @if (view(); as v) {
        <p class="utrecht-paragraph">
          <a
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            [routerLink]="['/casussen', v.case.id]"
            data-testid="live-case-link"
          >
            {{ 'meetings.preparation.openCase' | transloco: { title: v.case.title } }}
          </a>
        </p>
        <h3 class="utrecht-heading-4">{{ 'preparation.vraag' | transloco }}</h3>
        <p class="utrecht-paragraph cst-prep__question" data-testid="live-prep-question">
          {{ v.content.vraag || ('meetings.preparation.none' | transloco) }}
        </p>
        @if (v.content.tijdlijn.length > 0) {
          <h3 class="utrecht-heading-4">{{ 'preparation.tijdlijn' | transloco }}</h3>
          <ul class="cst-prep__facts" data-testid="live-prep-facts">
            @for (f of v.content.tijdlijn; track $index) {
              <li>
                <span class="cst-prep__date">{{ f.datum }}</span> {{ f.tekst }}
              </li>
            }
          </ul>
        }
        <div class="cst-prep__pair">
          <div>
            <h3 class="utrecht-heading-4">{{ 'preparation.fields.krachten' | transloco }}</h3>
            <p class="utrecht-paragraph cst-small" data-testid="live-prep-krachten">
              {{ v.content.krachten || '—' }}
            </p>
          </div>
          <div>
            <h3 class="utrecht-heading-4">{{ 'preparation.fields.zorgen' | transloco }}</h3>
            <p class="utrecht-paragraph cst-small" data-testid="live-prep-zorgen">
              {{ v.content.zorgen || '—' }}
            </p>
          </div>
        </div>
        @if (v.content.signsOfSafety; as sos) {
          <h3 class="utrecht-heading-4">{{ 'meetings.preparation.sos' | transloco }}</h3>
          <dl class="cst-prep__list" data-testid="live-prep-sos">
            <dt>{{ 'preparation.sos.zorgen' | transloco }}</dt>
            <dd>{{ sos.zorgen || '—' }}</dd>
            <dt>{{ 'preparation.sos.watGaatGoed' | transloco }}</dt>
            <dd>{{ sos.watGaatGoed || '—' }}</dd>
            <dt>{{ 'preparation.sos.watMoetErGebeuren' | transloco }}</dt>
            <dd>{{ sos.watMoetErGebeuren || '—' }}</dd>
            <dt>{{ 'preparation.sos.scale' | transloco }}</dt>
            <dd>{{ sos.veiligheidsschaal ?? '—' }}</dd>
          </dl>
        }
        <h3 class="utrecht-heading-4">{{ 'preparation.zrmSnapshot' | transloco }}</h3>
        @if (v.zrm; as zrm) {
          <p class="cst-small cst-muted">
            {{
              'meetings.preparation.zrmOf'
                | transloco: { date: zrm.assessedAt, version: zrm.version }
            }}
            @if (zrm.stale) {
              — <strong>{{ 'meetings.preparation.zrmStale' | transloco }}</strong>
            }
          </p>
          <ul class="cst-prep__zrm" data-testid="live-prep-zrm">
            @for (row of zrmRowsOf(zrm); track row.key) {
              <li>
                {{ row.name }}: <strong>{{ row.score ?? ('zrm.notScored' | transloco) }}</strong>
              </li>
            }
          </ul>
        } @else {
          <p class="cst-small cst-muted">{{ 'preparation.noZrm' | transloco }}</p>
        }
      } @else if (loaded()) {
        <p class="utrecht-paragraph cst-muted" data-testid="live-prep-unavailable">
          {{ 'meetings.preparation.unavailable' | transloco }}
        </p>
      } @else {
        <p class="utrecht-paragraph cst-muted">{{ 'meetings.preparation.loading' | transloco }}</p>
      }
    </details>
  `,
  styleUrl: './meetings.css',
})
export class PreparationPanelComponent {
  readonly caseId = input.required<string | null>();
  readonly preparationId = input.required<string | null>();
  readonly #meetings = inject(MeetingsStore);
  readonly #transloco = inject(TranslocoService);

  protected readonly loaded = computed(() => this.#meetings.agendaCasesLoaded());
  protected readonly view = computed(() => {
    const caseId = this.caseId();
    const detail: CaseDetail | undefined = caseId
      ? this.#meetings.caseDetails().get(caseId)
      : undefined;
    if (!detail) return null;
    const prep = detail.preparations.find((p) => p.id === this.preparationId());
    if (!prep) return null;
    const parsed = casePreparationContentSchema.safeParse(prep.content);
    const content: CasePreparationContent = parsed.success
      ? parsed.data
      : casePreparationContentSchema.parse({});
    const zrm =
      (content.zrmAssessmentId
        ? detail.zrm.find((z) => z.id === content.zrmAssessmentId)
        : undefined) ??
      [...detail.zrm].sort((a, b) => b.assessedAt.localeCompare(a.assessedAt))[0] ??
      null;
    return { case: detail, content, zrm };
  });

  protected zrmRowsOf(assessment: ZrmAssessment): ZrmRow[] {
    return zrmRows(assessment, this.#transloco.getActiveLang());
  }
}
