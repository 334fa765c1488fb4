import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CaseDetail, Preparation, PreparationContent } from '@casustafel/contracts';
import { canMarkReady, isZrmStale, PREPARATION_QUESTION_MIN } from '@casustafel/domain';
import {
  CaseStore,
  failureDetails,
  failureMessageKey,
  LanguageStore,
} from '@casustafel/client/data-access';
import { AlertComponent, DateTimePipe, FIELD, StatusBadgeComponent } from '@casustafel/client/ui';
import { issueKey } from './case-file.rules';
import { DatePipe } from './date.pipe';

export const PREPARATION_TEXT_FIELDS = [
  'krachten',
  'zorgen',
  'geprobeerd',
  'opties',
  'voorgesteldBesluit',
  'ondergrenzen',
] as const;
type TextField = (typeof PREPARATION_TEXT_FIELDS)[number];

export interface PreparationDraft {
  vraag: string;
  tijdlijn: { key: number; datum: string; tekst: string }[];
  texts: Record<TextField, string>;
  zrmAssessmentId: string;
  sos: {
    zorgen: string;
    watGaatGoed: string;
    watMoetErGebeuren: string;
    veiligheidsschaal: number | null;
  } | null;
}

let nextKey = 0;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function draftOf(p: Preparation): PreparationDraft {
  const c = p.content;
  const sos = c['signsOfSafety'] as Record<string, unknown> | null | undefined;
  return {
    vraag: str(c['vraag']),
    tijdlijn: ((c['tijdlijn'] as { datum: string; tekst: string }[] | undefined) ?? []).map(
      (t) => ({
        key: nextKey++,
        datum: t.datum,
        tekst: t.tekst,
      }),
    ),
    texts: Object.fromEntries(PREPARATION_TEXT_FIELDS.map((f) => [f, str(c[f])])) as Record<
      TextField,
      string
    >,
    zrmAssessmentId: str(c['zrmAssessmentId']),
    sos: sos
      ? {
          zorgen: str(sos['zorgen']),
          watGaatGoed: str(sos['watGaatGoed']),
          watMoetErGebeuren: str(sos['watMoetErGebeuren']),
          veiligheidsschaal:
            typeof sos['veiligheidsschaal'] === 'number' ? sos['veiligheidsschaal'] : null,
        }
      : null,
  };
}

export function contentOf(d: PreparationDraft): PreparationContent {
  return {
    vraag: d.vraag,
    tijdlijn: d.tijdlijn
      .filter((t) => t.datum.trim() !== '' || t.tekst.trim() !== '')
      .map((t) => ({ datum: t.datum.trim(), tekst: t.tekst })),
    ...d.texts,
    zrmAssessmentId: d.zrmAssessmentId || null,
    signsOfSafety: d.sos,
  };
}

/** Casusvoorbereiding: the list, one editor, "gereed", and colleagues' comments. */
@Component({
  selector: 'cst-preparation-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, DatePipe, DateTimePipe, StatusBadgeComponent, ...FIELD],
  templateUrl: './preparation-section.component.html',
})
export class PreparationSectionComponent {
  readonly detail = input.required<CaseDetail>();
  protected readonly store = inject(CaseStore);
  protected readonly language = inject(LanguageStore);
  protected readonly textFields = PREPARATION_TEXT_FIELDS;
  protected readonly scale = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  protected readonly questionMin = PREPARATION_QUESTION_MIN;

  protected readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(
    () => this.detail().preparations.find((p) => p.id === this.selectedId()) ?? null,
  );
  protected readonly draft = signal<PreparationDraft | null>(null);
  /** What is missing before "gereed" (domain rule, same as the api's). */
  protected readonly missing = computed(() => {
    const d = this.draft();
    return d ? canMarkReady({ vraag: d.vraag }) : [];
  });
  protected readonly zrmStale = computed(() => {
    const id = this.draft()?.zrmAssessmentId;
    const a = id ? this.detail().zrm.find((z) => z.id === id) : null;
    return a ? a.stale || isZrmStale(a.assessedAt, new Date()) : false;
  });
  protected readonly message = signal<{ type: 'ok' | 'error'; key: string } | null>(null);
  protected readonly vraagIssue = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly comment = signal('');
  protected readonly commentError = signal<string | null>(null);

  protected select(p: Preparation): void {
    this.selectedId.set(p.id);
    this.draft.set(draftOf(p));
    this.message.set(null);
    this.vraagIssue.set(null);
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected edit(change: (d: PreparationDraft) => PreparationDraft): void {
    this.draft.update((d) => (d ? change(d) : d));
  }

  protected setField(field: 'vraag' | 'zrmAssessmentId', value: string): void {
    this.edit((d) => ({ ...d, [field]: value }));
    if (field === 'vraag' && this.vraagIssue() && canMarkReady({ vraag: value }).length === 0)
      this.vraagIssue.set(null);
  }

  protected setText(field: TextField, value: string): void {
    this.edit((d) => ({ ...d, texts: { ...d.texts, [field]: value } }));
  }

  protected setTimeline(index: number, field: 'datum' | 'tekst', value: string): void {
    this.edit((d) => ({
      ...d,
      tijdlijn: d.tijdlijn.map((t, i) => (i === index ? { ...t, [field]: value } : t)),
    }));
  }

  protected addTimeline(): void {
    this.edit((d) => ({
      ...d,
      tijdlijn: [...d.tijdlijn, { key: nextKey++, datum: '', tekst: '' }],
    }));
    const i = (this.draft()?.tijdlijn.length ?? 1) - 1;
    setTimeout(() => document.getElementById(`prep-tijdlijn-${i}-datum`)?.focus());
  }

  protected removeTimeline(index: number): void {
    this.edit((d) => ({ ...d, tijdlijn: d.tijdlijn.filter((_, i) => i !== index) }));
    setTimeout(() => document.getElementById('prep-tijdlijn-add')?.focus());
  }

  protected toggleSos(on: boolean): void {
    this.edit((d) => ({
      ...d,
      sos: on
        ? (d.sos ?? { zorgen: '', watGaatGoed: '', watMoetErGebeuren: '', veiligheidsschaal: null })
        : null,
    }));
  }

  protected setSos(field: 'zorgen' | 'watGaatGoed' | 'watMoetErGebeuren', value: string): void {
    this.edit((d) => (d.sos ? { ...d, sos: { ...d.sos, [field]: value } } : d));
  }

  protected setScale(value: number): void {
    this.edit((d) => (d.sos ? { ...d, sos: { ...d.sos, veiligheidsschaal: value } } : d));
  }

  protected async create(): Promise<void> {
    const result = await this.store.createPreparation(this.detail().id, {
      meetingDate: null,
      content: {},
    });
    if (!result.ok) {
      this.message.set({ type: 'error', key: failureMessageKey(result.failure) });
      return;
    }
    const created = this.store.case()?.preparations.find((p) => p.id === result.data.id);
    if (created) this.select(created);
  }

  protected async save(): Promise<boolean> {
    const p = this.selected();
    const d = this.draft();
    if (!p || !d) return false;
    this.pending.set(true);
    const result = await this.store.savePreparation(this.detail().id, p.id, contentOf(d));
    this.pending.set(false);
    if (!result.ok) {
      const details = failureDetails(result.failure);
      this.message.set({
        type: 'error',
        key: details[0] ? issueKey(details[0].issue) : failureMessageKey(result.failure),
      });
      this.vraagIssue.set(
        details.find((i) => i.path.includes('vraag')) ? issueKey('invalid') : null,
      );
      return false;
    }
    this.message.set({ type: 'ok', key: 'preparation.saved' });
    return true;
  }

  protected async markReady(): Promise<void> {
    const p = this.selected();
    if (!p) return;
    if (this.missing().length > 0) {
      this.vraagIssue.set('preparation.vraagMissing');
      this.message.set({ type: 'error', key: 'preparation.readyRefused' });
      setTimeout(() => document.getElementById('prep-vraag')?.focus());
      return;
    }
    if (!(await this.save())) return;
    const result = await this.store.markReady(this.detail().id, p.id);
    if (!result.ok) {
      const missing = failureDetails(result.failure).some((i) => i.issue === 'required-for-ready');
      this.vraagIssue.set(missing ? 'preparation.vraagMissing' : null);
      this.message.set({
        type: 'error',
        key: missing ? 'preparation.readyRefused' : failureMessageKey(result.failure),
      });
      return;
    }
    this.message.set({ type: 'ok', key: 'preparation.markedReady' });
  }

  protected async toDraft(): Promise<void> {
    const p = this.selected();
    if (!p) return;
    const result = await this.store.backToDraft(this.detail().id, p.id);
    this.message.set(
      result.ok
        ? { type: 'ok', key: 'preparation.backInDraft' }
        : { type: 'error', key: failureMessageKey(result.failure) },
    );
  }

  protected async addComment(): Promise<void> {
    const p = this.selected();
    const text = this.comment();
    if (!p) return;
    if (text.trim() === '') {
      this.commentError.set('caseFile.issues.required');
      return;
    }
    const result = await this.store.addComment(this.detail().id, p.id, text);
    this.commentError.set(result.ok ? null : failureMessageKey(result.failure));
    if (result.ok) this.comment.set('');
  }
}
